using Gardefou.Cli;

return await GardefouCli.RunAsync(args);
