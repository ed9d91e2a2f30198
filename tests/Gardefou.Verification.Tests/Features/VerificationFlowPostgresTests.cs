using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

public sealed class VerificationFlowPostgresTests : VerificationFlowTests
{
    public VerificationFlowPostgresTests()
        : base(StoreKind.Postgres)
    {
    }
}
