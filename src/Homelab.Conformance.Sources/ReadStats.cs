using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Homelab.Conformance.Sources;

/// <summary>
/// Where a run's time and memory went and how much it read: phase timings, bytes allocated and
/// GC pause per phase, files, objects and API requests. Filled when asked for (the CLI's
/// <c>--stats</c>), printed as one machine-readable line.
/// </summary>
public sealed class ReadStats
{
    private readonly List<Phase> _phases = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Sample _last; // zero: the first phase counts from process start

    public int Files { get; set; }
    public int Objects { get; set; }
    public int Requests { get; set; }

    /// <summary>Milliseconds each chart fetched over the network took (a cached one is not here).</summary>
    public Dictionary<string, double> ChartFetches { get; } = new(StringComparer.Ordinal);

    /// <summary>Ends the current phase under <paramref name="name"/> (what happened since the previous mark).</summary>
    public void Mark(string name)
    {
        var now = Sample.Now(_clock.Elapsed);
        _phases.Add(new(name, (now.Elapsed - _last.Elapsed).TotalMilliseconds, now.Allocated - _last.Allocated, (now.Paused - _last.Paused).TotalMilliseconds));
        _last = now;
    }

    /// <summary>
    /// <c>HOMELAB_STATS {"files":..,"objects":..,"requests":..,"phases":{"name":ms,...},"charts":{..},
    /// "alloc_mb":{"name":MB,...},"gc_ms":{"name":ms,...},"gcs":[gen0,gen1,gen2]}</c>; allocations and
    /// pauses count from process start, so the first phase holds the start-up's.
    /// </summary>
    public string ToLine()
    {
        var line = new StringBuilder("HOMELAB_STATS {");
        line.Append(CultureInfo.InvariantCulture, $"\"files\":{Files},\"objects\":{Objects},\"requests\":{Requests},");
        Append(line, "phases", _phases.Select(p => (p.Name, p.Ms)));
        line.Append(",\"charts\":{");
        line.AppendJoin(',', ChartFetches.Select(c => string.Create(CultureInfo.InvariantCulture, $"{System.Text.Json.JsonSerializer.Serialize(c.Key)}:{c.Value:0.0}")));
        line.Append("},");
        Append(line, "alloc_mb", _phases.Select(p => (p.Name, p.AllocatedBytes / (1024.0 * 1024))));
        line.Append(',');
        Append(line, "gc_ms", _phases.Select(p => (p.Name, p.PausedMs)));
        line.Append(CultureInfo.InvariantCulture, $",\"gcs\":[{GC.CollectionCount(0)},{GC.CollectionCount(1)},{GC.CollectionCount(2)}]");
        return line.Append('}').ToString();
    }

    private static void Append(StringBuilder line, string name, IEnumerable<(string Name, double Value)> values)
    {
        line.Append(CultureInfo.InvariantCulture, $"\"{name}\":{{");
        line.AppendJoin(',', values.Select(v => string.Create(CultureInfo.InvariantCulture, $"\"{v.Name}\":{v.Value:0.0}")));
        line.Append('}');
    }

    private sealed record Phase(string Name, double Ms, long AllocatedBytes, double PausedMs);

    private readonly record struct Sample(TimeSpan Elapsed, long Allocated, TimeSpan Paused)
    {
        public static Sample Now(TimeSpan elapsed) => new(elapsed, GC.GetTotalAllocatedBytes(precise: false), GC.GetTotalPauseDuration());
    }
}
