namespace Homelab.Conformance.Rules;

/// <summary>
/// What a finding about one missing object rests on: the object's kind, and what was looked for
/// (e.g. <c>HelmRelease observability/alloy valuesFrom Secret observability/grafana-cloud</c>).
/// Where the source could not read that kind, absence proves nothing and the Auditor makes the
/// finding inconclusive; no rule looks at unreadable kinds itself.
/// </summary>
public sealed record MissingObject(string Kind, string What);
