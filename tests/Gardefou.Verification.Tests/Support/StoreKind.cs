namespace Gardefou.Verification.Tests.Support;

public enum StoreKind
{
    Sqlite,
    Postgres,
}
