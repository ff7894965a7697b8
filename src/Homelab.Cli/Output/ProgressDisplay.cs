using System.Diagnostics;
using Spectre.Console;

namespace Homelab.Cli.Output;

/// <summary>
/// Progress on stderr while the run reads and judges: a spinner naming the current step, and a line
/// with its time for each step done. Only when stderr is a terminal: a pipe, a file, CI and the tests
/// see nothing of it, so stdout and stderr stay what they were.
/// </summary>
internal static class ProgressDisplay
{
    public static bool Enabled => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    /// <summary>Runs <paramref name="work"/> with a progress to tell its steps to (null when not on a terminal).</summary>
    public static T Run<T>(Func<IProgress<string>?, T> work) => RunAsync(progress => Task.FromResult(work(progress))).GetAwaiter().GetResult();

    /// <summary>Runs asynchronous <paramref name="work"/> the same way.</summary>
    public static async Task<T> RunAsync<T>(Func<IProgress<string>?, Task<T>> work)
    {
        if (!Enabled) return await work(null).ConfigureAwait(false);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async context =>
        {
            var steps = new Steps(console, context);
            try { return await work(steps).ConfigureAwait(false); }
            finally { steps.Done(); }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The steps told so far. A report with the same head before ": " as the current step updates it
    /// (<c>listing 30 kinds: 12 done</c>); any other ends it, printing it with its time.
    /// </summary>
    private sealed class Steps(IAnsiConsole console, StatusContext context) : IProgress<string>
    {
        private readonly Lock _lock = new();
        private readonly Stopwatch _clock = new();
        private string? _current;

        public void Report(string value)
        {
            lock (_lock)
            {
                var head = value.Split(": ", 2)[0];
                if (head != _current)
                {
                    Done();
                    _current = head;
                    _clock.Restart();
                }
                context.Status(Markup.Escape(value));
            }
        }

        public void Done()
        {
            lock (_lock)
            {
                if (_current is null) return;
                console.MarkupLine($"[green]done[/] {Markup.Escape(_current)} [grey]({_clock.Elapsed.TotalSeconds:0.0} s)[/]");
                _current = null;
            }
        }
    }
}
