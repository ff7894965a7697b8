namespace Homelab.Conformance.Documents;

/// <summary>One document of a (possibly multi-document) YAML file. <see cref="Root"/> is null when empty.</summary>
public sealed record YamlDocument(string File, int Index, int Line, Node? Root);
