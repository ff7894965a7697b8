using Homelab.Seed;
using k8s;

// homelab-seed KUBECONFIG LIVE_FIXTURES [SCENARIO]: seeds a throwaway cluster for run-conformance.sh live --local.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: homelab-seed KUBECONFIG LIVE_FIXTURES_FOLDER [SCENARIO]");
    return 2;
}
using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(args[0]));
var seeder = new Seeder(client, args[1]);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
await seeder.SeedAsync(timeout.Token);
if (args.Length == 3)
{
    var scenario = seeder.Scenarios.FirstOrDefault(s => s.Name == args[2] || s.Rule == args[2]);
    if (scenario is null)
    {
        Console.Error.WriteLine($"error: no scenario '{args[2]}'; there are: {string.Join(", ", seeder.Scenarios.Select(s => s.Name))}");
        return 2;
    }
    await seeder.ApplyAsync(scenario, timeout.Token);
    Console.Error.WriteLine($"seeded scenario {scenario.Name}: {scenario.Breaks}");
}
return 0;
