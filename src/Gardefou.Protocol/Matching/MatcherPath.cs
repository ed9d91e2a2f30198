namespace Gardefou.Protocol.Matching;

/// <summary>Which implementation of the key schedule the matcher runs; tests force each one against the others.</summary>
internal enum MatcherPath
{
    /// <summary>The fastest path this processor supports.</summary>
    Auto,

    /// <summary>Managed SHA-256 and the platform AES: runs everywhere.</summary>
    Portable,

    /// <summary>16-lane SHA-256 on AVX-512 and AES-NI with eight blocks in flight.</summary>
    Vectorized,
}
