namespace Gardefou.Keys.Storage;

/// <summary>A key to revise was no longer as checked (revised meanwhile, or deleted): the transaction is rolled back.</summary>
internal sealed class RevisionConflictException : Exception
{
    public RevisionConflictException()
        : base("A key to revise was changed or deleted since it was read.")
    {
    }

    public RevisionConflictException(string message)
        : base(message)
    {
    }

    public RevisionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
