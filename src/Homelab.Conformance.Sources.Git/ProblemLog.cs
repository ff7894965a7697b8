using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// The repo reader's input problems, in the order they were found, each place and cause once
/// (a file read twice, or a reference followed twice, is still one problem). Safe to write from
/// several threads; work done in parallel keeps its output in order by writing to a log of its own
/// and appending it with <see cref="Append"/> in a fixed order.
/// </summary>
public sealed class ProblemLog
{
    private readonly Lock _lock = new();
    private readonly List<InputProblem> _problems = [];
    private readonly HashSet<(string Location, string Cause)> _seen = [];
    private readonly List<ErrorWatch> _watches = [];

    /// <summary>A snapshot of the problems so far, oldest first.</summary>
    public IReadOnlyList<InputProblem> Problems
    {
        get
        {
            lock (_lock) return [.. _problems];
        }
    }

    /// <summary>Input that makes the run non-conformant: it cannot be read, or Flux would fail on it.</summary>
    public void Error(Evidence at, string cause) => Add(new InputProblem(at, cause, Severity.Error));

    /// <summary>Input that is read, but not all of it can be evaluated offline.</summary>
    public void Warning(Evidence at, string cause) => Add(new InputProblem(at, cause, Severity.Warning));

    public void Add(InputProblem problem)
    {
        lock (_lock)
        {
            if (_seen.Add((problem.Where.Location, problem.Cause))) _problems.Add(problem);
            // A watch sees every error reported while it lasts, one already logged included.
            if (problem.Severity == Severity.Error) foreach (var watch in _watches) watch.Errors.Add(problem);
        }
    }

    /// <summary>Collects the errors reported until it is disposed: what one piece of work ran into.</summary>
    public ErrorWatch WatchErrors()
    {
        var watch = new ErrorWatch(this);
        lock (_lock) _watches.Add(watch);
        return watch;
    }

    public sealed class ErrorWatch(ProblemLog log) : IDisposable
    {
        public List<InputProblem> Errors { get; } = [];

        public void Dispose()
        {
            lock (log._lock) log._watches.Remove(this);
        }
    }

    /// <summary>A Flux object's view, its parse errors logged as input errors at their places.</summary>
    public T Log<T>(FluxParseResult<T> parsed)
    {
        foreach (var error in parsed.Errors) Error(error.At, error.Cause);
        return parsed.View;
    }

    /// <summary>Every problem of another log, in its order.</summary>
    public void Append(ProblemLog other)
    {
        foreach (var problem in other.Problems) Add(problem);
    }
}
