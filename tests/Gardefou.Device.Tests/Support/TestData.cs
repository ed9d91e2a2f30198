namespace Gardefou.Device.Tests.Support;

/// <summary>Published test data from <c>../shared/testdata</c>, copied next to the test assembly at build time.</summary>
internal static class TestData
{
    public static string PathOf(string relative)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Test data '{relative}' is missing: the repository expects ../shared/testdata beside it.", path);
        }
        return path;
    }
}
