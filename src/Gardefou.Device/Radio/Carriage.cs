namespace Gardefou.Device.Radio;

/// <summary>How a phone is carried, which sets the loss its own carrier's body and clothes add to every link.</summary>
public enum Carriage
{
    /// <summary>In the hand or on a table in the open.</summary>
    Hand,

    /// <summary>In a trouser pocket, against the thigh.</summary>
    Pocket,

    /// <summary>In a bag or backpack.</summary>
    Bag,

    /// <summary>In the pocket of a coat being worn.</summary>
    Coat,
}
