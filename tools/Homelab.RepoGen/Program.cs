using Homelab.RepoGen;

// homelab-repogen --out DIR [--size small|medium|large|real | --kustomizations N] [--seed N] [--fixture DIR]
var options = GenOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: homelab-repogen --out DIR [--size small|medium|large|real | --kustomizations N] [--seed N] [--fixture DIR]");
    return 2;
}
var summary = options.Real ? RealRepo.Write(options) : RepoGenerator.Write(options);
Console.WriteLine(summary);
return 0;
