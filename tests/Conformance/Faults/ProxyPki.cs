using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Homelab.Conformance.Live.Tests.Faults;

/// <summary>
/// Throwaway certificates for the fault proxy, made in memory: a CA the proxy's kubeconfig trusts
/// and the proxy's serving certificate (127.0.0.1) signed by it, plus a second, unknown CA and a
/// serving certificate signed by that one (the "TLS with an unknown CA" fault).
/// </summary>
public static class ProxyPki
{
    private static readonly DateTimeOffset NotBefore = DateTimeOffset.UtcNow.AddHours(-1);
    private static readonly DateTimeOffset NotAfter = DateTimeOffset.UtcNow.AddDays(1);
    private static readonly (X509Certificate2 Ca, ECDsa Key) Trusted = NewCa("homelab fault-proxy CA");
    private static readonly (X509Certificate2 Ca, ECDsa Key) Unknown = NewCa("an unknown CA");

    /// <summary>The CA the proxy's kubeconfig names (public part only).</summary>
    public static X509Certificate2 Ca { get; } = X509CertificateLoader.LoadCertificate(Trusted.Ca.RawData);

    /// <summary>The proxy's serving certificate, signed by <see cref="Ca"/>.</summary>
    public static X509Certificate2 Serving { get; } = Issue(Trusted);

    /// <summary>A serving certificate for the same address, signed by a CA no kubeconfig trusts.</summary>
    public static X509Certificate2 ServingByUnknownCa { get; } = Issue(Unknown);

    private static (X509Certificate2, ECDsa) NewCa(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return (request.CreateSelfSigned(NotBefore, NotAfter), key);
    }

    private static X509Certificate2 Issue((X509Certificate2 Ca, ECDsa Key) issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fault-proxy", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Ca, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var signed = request.Create(issuer.Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(issuer.Key), NotBefore, NotAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        // A PFX round trip gives the key a form every TLS backend can use.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }
}
