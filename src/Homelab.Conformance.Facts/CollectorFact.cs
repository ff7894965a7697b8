using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

public enum CredentialState { Encrypted, SecretReference, EnvironmentReference, Plaintext }

/// <summary>A credential the collector uses; its value is never kept, only how it is stored.</summary>
public sealed record CredentialFact(string Name, CredentialState State, Evidence Evidence);

/// <summary>A telemetry collector deployment (Grafana Alloy) with its config and credentials.</summary>
public sealed record CollectorFact(string Product, ObjectRef Id, Evidence Evidence)
{
    /// <summary>Where its pipeline config is, or null when none was found.</summary>
    public Evidence? Config { get; init; }

    /// <summary>The ConfigMap it names for its config when that ConfigMap (or its key) is not there, and where it is named.</summary>
    public (ObjectRef ConfigMap, string Key, Evidence NamedAt)? MissingConfig { get; init; }

    public List<CredentialFact> Credentials { get; init; } = [];

    /// <summary>The addresses its config exports telemetry to.</summary>
    public List<Fact<string>> Endpoints { get; init; } = [];

    /// <summary>Why what runs may not be what is declared (a suspended release, values the reader cannot see); null when it is.</summary>
    public string? Unsure { get; init; }
}
