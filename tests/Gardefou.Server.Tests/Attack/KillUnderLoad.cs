using System.Collections.Concurrent;
using System.Diagnostics;
using Gardefou.Server.Tests.Support;

namespace Gardefou.Server.Tests.Attack;

/// <summary>
/// Issue 13, point 7: real publishes from concurrent phones against <c>gardefou serve</c> child processes, one of which
/// is killed with SIGKILL at seeded random moments and restarted; afterwards every upload the server answered 200 must
/// have all its keys in the signed exports, and no key may be exported twice. Uploads cut off by a kill got no answer:
/// they may or may not be stored, and the phone would retry them with a fresh certificate.
/// </summary>
internal sealed class KillUnderLoad
{
    private const int KeysPerUpload = 14;
    private const int Phones = 8;

    private static readonly string[] s_settings =
    [
        "--Keys:MinimumBatchSize=200", "--Keys:PaddingJitter=20", "--Keys:DailyExports=false",
        "--Verification:VerifyRequestsPerMinute=100000", "--Hosting:RateLimit:PermitsPerSecond=0",
    ];

    public sealed record Outcome(int Acknowledged, int CutOff, int Refused, int Kills, int ExportFiles, int ExportedKeys, TimeSpan Preparation, TimeSpan Elapsed);

    /// <summary>Runs the attack and asserts; returns what happened, for the test's output.</summary>
    public static async Task<Outcome> RunAsync(int seed, int instances, int uploads, int kills, string? postgres, CancellationToken ct)
    {
        var random = new Random(seed);
        var started = Stopwatch.GetTimestamp();
        var root = Path.Combine(Path.GetTempPath(), "gardefou-attack", Guid.NewGuid().ToString("N"));
        var servers = Enumerable.Range(0, instances).Select(i => new ServerProcess(Path.Combine(root, $"instance-{i}"), postgres, s_settings)).ToList();
        var clients = servers.Select(s => new HttpClient { BaseAddress = s.BaseAddress, Timeout = TimeSpan.FromSeconds(20) }).ToList();
        try
        {
            await servers[0].StartAsync(ct);
            var adminArguments = new List<string> { "admin", "create-api-key", "--data", Path.Combine(root, "instance-0") };
            if (postgres is not null)
            {
                adminArguments.AddRange(["--postgres", postgres]);
            }
            var apiKey = (await Cli.RunAsync(adminArguments, ct)).Trim().Split('\n')[^1].Trim();
            for (var i = 1; i < instances; i++)
            {
                await servers[i].StartAsync(ct);
            }

            // Certificates first (issue, verify, certificate through the real verification API), so the timed part is publishes only.
            var phone = new Phone(clients[0]);
            var prepared = new ConcurrentBag<Upload>();
            await Parallel.ForEachAsync(Enumerable.Range(0, uploads), new ParallelOptions { MaxDegreeOfParallelism = Phones, CancellationToken = ct }, async (_, _) =>
                prepared.Add(await phone.PrepareUploadAsync(await phone.IssueCodeAsync(apiKey), Phone.DailyKeys(KeysPerUpload))));
            var preparation = Stopwatch.GetElapsedTime(started);
            var queue = new ConcurrentQueue<Upload>(prepared);
            var answered = 0;
            var acknowledged = new ConcurrentBag<Upload>();
            var cutOff = 0;
            var refused = new ConcurrentBag<string>();
            using var loadDone = CancellationTokenSource.CreateLinkedTokenSource(ct);

            var load = Task.WhenAll(Enumerable.Range(0, Phones).Select(async p =>
            {
                while (queue.TryDequeue(out var upload))
                {
                    // A phone that finds its server down waits for it, as an app retries later.
                    HttpClient? client = null;
                    while (client is null)
                    {
                        var up = Enumerable.Range(0, instances).Where(i => servers[i].IsUp).ToList();
                        if (up.Count > 0)
                        {
                            client = clients[up[(p + queue.Count) % up.Count]];
                        }
                        else
                        {
                            await Task.Delay(20, ct);
                        }
                    }
                    try
                    {
                        using var response = await new Phone(client).PublishAsync(upload);
                        Interlocked.Increment(ref answered);
                        var body = await response.Content.ReadAsStringAsync(ct);
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged.Add(upload);
                        }
                        else
                        {
                            refused.Add($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref cutOff);
                    }
                }
            }));

            // Kill the first instance at seeded moments of the load (after a random share of the uploads was answered,
            // plus a random fraction of a publish's time), and bring it back each time.
            var moments = Enumerable.Range(0, kills).Select(_ => random.Next(uploads / 10, uploads * 8 / 10)).Order().ToList();
            var restartedAt = 0;
            foreach (var moment in moments)
            {
                // Never twice in a row without publishes in between: each kill cuts into load.
                while ((Volatile.Read(ref answered) < moment || Volatile.Read(ref answered) < restartedAt + 3) && !load.IsCompleted)
                {
                    await Task.Delay(1, ct);
                }
                await Task.Delay(random.Next(0, 10), ct);
                await servers[0].KillAsync();
                await servers[0].StartAsync(ct);
                restartedAt = Volatile.Read(ref answered);
            }
            await load;

            var expected = acknowledged.SelectMany(u => u.Keys).ToHashSet(StringComparer.Ordinal);
            var (files, exported, problems) = await WaitForExportsAsync(servers, clients, expected, ct);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)) + "\n" + servers[0].Tail);
            Assert.True(refused.IsEmpty, "refused: " + string.Join(" | ", refused.Take(5)));
            return new Outcome(acknowledged.Count, cutOff, refused.Count, servers[0].Kills, files, exported, preparation, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Polls every instance's listing until every acknowledged key is exported (exports close every two seconds), then
    /// reports what is wrong: a listed file another instance cannot serve, a key exported twice, a key missing.
    /// </summary>
    private static async Task<(int Files, int Keys, List<string> Problems)> WaitForExportsAsync(
        List<ServerProcess> servers, List<HttpClient> clients, HashSet<string> expected, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (true)
        {
            var problems = new List<string>();
            var files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var lister in clients)
            {
                var listing = await SignedExports.ReadAsync(lister, clients, ct);
                problems.AddRange(listing.Problems);
                foreach (var (file, keys) in listing.KeysByFile)
                {
                    files[file] = keys;
                }
            }
            var counts = files.Values.SelectMany(k => k).CountBy(k => k, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
            var duplicated = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
            var missing = expected.Where(k => !counts.ContainsKey(k)).ToList();
            if (duplicated.Count > 0)
            {
                problems.Add($"{duplicated.Count} keys exported more than once");
            }
            if (missing.Count > 0)
            {
                problems.Add($"{missing.Count} of {expected.Count} acknowledged keys are in no export ({files.Count} files listed)");
            }
            if (problems.Count == 0 || Stopwatch.GetTimestamp() > deadline)
            {
                return (files.Count, counts.Count, problems);
            }
            await Task.Delay(500, ct);
        }
    }
}
