namespace ChatBot.Retrieval.Storage.Leases;

/// <summary>
/// Named leases in the shared store, so exactly one replica does a piece of work ("digest:2026-11-29:#news").
/// A lease is held until it expires or its holder releases it; an expired lease can be taken by anyone.
/// Expiry uses each replica's clock (TimeProvider): keep replicas' clocks in sync and TTLs well above the skew.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// True when <paramref name="holder"/> holds <paramref name="key"/> for <paramref name="ttl"/> from now: it was
    /// free, expired, or already held by this holder (then renewed). False while another holder's lease is live.
    /// </summary>
    Task<bool> TryAcquireAsync(string key, string holder, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Gives the lease up; true when this holder held it.</summary>
    Task<bool> ReleaseAsync(string key, string holder, CancellationToken cancellationToken);
}
