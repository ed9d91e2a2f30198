using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

public sealed class BadInputFuzzPostgresTests : BadInputFuzzTests
{
    public BadInputFuzzPostgresTests()
        : base(StoreKind.Postgres, requests: 2000)
    {
    }
}
