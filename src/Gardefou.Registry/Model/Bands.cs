namespace Gardefou.Registry.Model;

/// <summary>Wire names of <see cref="AvailabilityBand"/> and the band implied by an exact count.</summary>
public static class Bands
{
    public static string ToWire(AvailabilityBand band) => band switch
    {
        AvailabilityBand.None => "none",
        AvailabilityBand.Low => "low",
        AvailabilityBand.Some => "some",
        _ => "many",
    };

    public static bool TryParse(string? text, out AvailabilityBand band)
    {
        switch (text?.ToLowerInvariant())
        {
            case "none": band = AvailabilityBand.None; return true;
            case "low": band = AvailabilityBand.Low; return true;
            case "some": band = AvailabilityBand.Some; return true;
            case "many": band = AvailabilityBand.Many; return true;
            default: band = default; return false;
        }
    }

    /// <summary>Only zero is "none": a single item left is still worth the trip.</summary>
    public static AvailabilityBand FromCount(int available) => available switch
    {
        <= 0 => AvailabilityBand.None,
        <= 10 => AvailabilityBand.Low,
        <= 50 => AvailabilityBand.Some,
        _ => AvailabilityBand.Many,
    };
}
