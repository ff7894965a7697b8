using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Homelab.Conformance.Sources;

/// <summary>
/// Where a run's time went and how much it read: phase timings, files, objects and API requests.
/// Filled when asked for (the CLI's <c>--stats</c>), printed as one machine-readable line.
/// </summary>
public sealed class ReadStats
{
    private readonly List<(string Phase, double Ms)> _phases = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;

    public int Files { get; set; }
    public int Objects { get; set; }
    public int Requests { get; set; }

    /// <summary>Milliseconds each chart fetched over the network took (a cached one is not here).</summary>
    public Dictionary<string, double> ChartFetches { get; } = new(StringComparer.Ordinal);

    /// <summary>Ends the current phase under <paramref name="name"/> (the time since the previous mark).</summary>
    public void Mark(string name)
    {
        var now = _clock.Elapsed;
        _phases.Add((name, (now - _last).TotalMilliseconds));
        _last = now;
    }

    /// <summary><c>HOMELAB_STATS {"files":..,"objects":..,"requests":..,"phases":{"name":ms,...}}</c></summary>
    public string ToLine()
    {
        var line = new StringBuilder("HOMELAB_STATS {");
        line.Append(CultureInfo.InvariantCulture, $"\"files\":{Files},\"objects\":{Objects},\"requests\":{Requests},\"phases\":{{");
        line.AppendJoin(',', _phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"\"{p.Phase}\":{p.Ms:0.0}")));
        line.Append("},\"charts\":{");
        line.AppendJoin(',', ChartFetches.Select(c => string.Create(CultureInfo.InvariantCulture, $"{System.Text.Json.JsonSerializer.Serialize(c.Key)}:{c.Value:0.0}")));
        return line.Append("}}").ToString();
    }
}
