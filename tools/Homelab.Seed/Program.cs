using Homelab.Seed;
using k8s;

// homelab-seed KUBECONFIG LIVE_FIXTURES [SCENARIO]: seeds a throwaway cluster for run-conformance.sh live --local.
// homelab-seed KUBECONFIG LIVE_FIXTURES --bulk N [--parallel P]: the fixtures plus N more objects (the live benchmark).
if (args.Length >= 4 && args[2] == "--bulk")
{
    var count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    var parallelism = args.Length >= 6 && args[4] == "--parallel" ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 8;
    using var bulkClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(args[0]));
    using var bulkTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
    await new Seeder(bulkClient, args[1]).SeedAsync(bulkTimeout.Token);
    var writer = new ApiWriter(bulkClient);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await writer.CreateManyAsync(BulkObjects.Namespace(), parallelism, bulkTimeout.Token);
    await writer.CreateManyAsync(BulkObjects.Create(count), parallelism, bulkTimeout.Token);
    Console.Error.WriteLine($"loaded {count} objects in {clock.Elapsed.TotalSeconds:0.0} s with {writer.Requests} requests ({parallelism} in flight)");
    return 0;
}
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: homelab-seed KUBECONFIG LIVE_FIXTURES_FOLDER [SCENARIO | --bulk N [--parallel P]]");
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
