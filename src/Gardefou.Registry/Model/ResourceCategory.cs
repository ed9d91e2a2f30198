namespace Gardefou.Registry.Model;

/// <summary>The three things people search for; each has its own time-to-live.</summary>
public enum ResourceCategory
{
    Test,
    Mask,
    Bed,
}
