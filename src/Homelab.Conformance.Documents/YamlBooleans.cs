namespace Homelab.Conformance.Documents;

/// <summary>
/// A scalar read as a boolean the way the software that consumes it reads it: the same text means
/// different things to Helm, to Talos and to a Kubernetes API server.
/// </summary>
public static class YamlBooleans
{
    private static readonly string[] Yaml11True = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"];
    private static readonly string[] Yaml11False = ["n", "N", "no", "No", "NO", "off", "Off", "OFF"];
    private static readonly string[] CoreTrue = ["true", "True", "TRUE"];
    private static readonly string[] CoreFalse = ["false", "False", "FALSE"];

    /// <summary>
    /// Helm values (sigs.k8s.io/yaml, YAML 1.1): plain <c>true</c>/<c>yes</c>/<c>on</c>/<c>y</c> and their
    /// false forms are booleans; a quoted one is a string, which the chart's templates read as they will.
    /// </summary>
    public static (bool? Value, string? Why) Helm(ScalarNode node)
    {
        if (node.Value is not { } text) return (null, "it is empty");
        if (node.Quoted) return (null, $"'{text}' is quoted, so Helm passes the string \"{text}\", not a boolean, and the chart's templates decide how they read it");
        if (CoreTrue.Contains(text) || Yaml11True.Contains(text)) return (true, null);
        if (CoreFalse.Contains(text) || Yaml11False.Contains(text)) return (false, null);
        return (null, $"'{text}' is not a boolean Helm reads");
    }

    /// <summary>
    /// Talos machine config (yaml.v3 into a typed bool): plain <c>true</c>/<c>false</c> (any case form of
    /// the core schema), and the YAML 1.1 words <c>yes</c>/<c>on</c>/<c>y</c>/<c>no</c>/... quoted or not;
    /// a quoted <c>"true"</c> is a string Talos refuses for a bool field.
    /// </summary>
    public static (bool? Value, string? Why) Talos(ScalarNode node)
    {
        if (node.Value is not { } text) return (null, "it is empty");
        if (!node.Quoted && CoreTrue.Contains(text)) return (true, null);
        if (!node.Quoted && CoreFalse.Contains(text)) return (false, null);
        if (Yaml11True.Contains(text)) return (true, null);
        if (Yaml11False.Contains(text)) return (false, null);
        return (null, node.Quoted
            ? $"\"{text}\" is quoted: a string, which Talos refuses where it reads a boolean (talosctl rejects the config)"
            : $"'{text}' is not a boolean: Talos refuses the config");
    }
}
