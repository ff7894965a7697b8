using Homelab.RepoGen;

// homelab-repogen --out DIR [--size small|medium|large | --kustomizations N] [--seed N] [--fixture DIR]
var options = GenOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: homelab-repogen --out DIR [--size small|medium|large | --kustomizations N] [--seed N] [--fixture DIR]");
    return 2;
}
var summary = RepoGenerator.Write(options);
Console.WriteLine(summary);
return 0;
