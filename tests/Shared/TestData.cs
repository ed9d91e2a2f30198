namespace Gardefou.Tests.Shared;

/// <summary>
/// Published test data from <c>tests/testdata</c> (sources and licences in its README), copied next to each
/// test assembly at build time by <c>tests/Directory.Build.targets</c>.
/// </summary>
internal static class TestData
{
    public static string PathOf(string relative)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Test data '{relative}' is missing next to the test assembly: it should have been copied from tests/testdata at build time.", path);
        }
        return path;
    }
}
