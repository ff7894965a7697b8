namespace Homelab.Conformance.Facts;

/// <summary>
/// Whether a list of facts is all there is. A cluster's LIST returns every object of a kind, so
/// what is missing from it is absent. A declaration holds only part of what runs (the scheduler
/// places pods, Talos taints its control planes, Rook registers CSI drivers), so there what is
/// missing is not known, and <see cref="Gap"/> says why: "none found" proves nothing.
/// </summary>
public sealed record Listing(string? Gap)
{
    /// <summary>Everything there is: a missing item is absent.</summary>
    public static Listing Complete { get; } = new((string?)null);

    public static Listing Partial(string gap) => new(gap);

    public bool IsComplete => Gap is null;
}
