using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

public sealed class BadInputFuzzSqliteTests : BadInputFuzzTests
{
    public BadInputFuzzSqliteTests()
        : base(StoreKind.Sqlite, requests: 3000)
    {
    }
}
