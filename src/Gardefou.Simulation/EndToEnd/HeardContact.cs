namespace Gardefou.Simulation.EndToEnd;

/// <summary>One direction of one contact between two app users: what the receiver's phone heard of the sender's.</summary>
/// <param name="Receiver">Whose phone listened.</param>
/// <param name="Sender">Whose phone advertised.</param>
/// <param name="PairKey">The contact's key (the same from both ends), which also places it in the day.</param>
/// <param name="Attenuations">One attenuation per 5-minute scan in dB (0 = that scan missed the sender), as the fast mode scores them.</param>
internal readonly record struct HeardContact(int Receiver, int Sender, ulong PairKey, byte[] Attenuations);
