using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

public sealed class VerificationFlowSqliteTests : VerificationFlowTests
{
    public VerificationFlowSqliteTests()
        : base(StoreKind.Sqlite)
    {
    }
}
