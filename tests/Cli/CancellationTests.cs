using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// Ctrl+C: the command stops at the next epoch, says that nothing was saved, leaves any earlier output as it was,
/// prints <c>fad: error: cancelled.</c> and exits with 130 — in-process through the token the command is given, and
/// as a real process sent SIGINT and SIGTERM.
/// </summary>
public sealed partial class CancellationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fad-cancel-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Data()
    {
        var csv = new StringBuilder("a,b,y\n");
        for (var i = 0; i < 50; i++) csv.AppendLine($"{i % 7},{i % 5},{(i % 7) - 2 * (i % 5)}");
        var path = Path.Combine(folder, "data.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>Output that cancels the run when the first progress line appears: cancellation in the middle of training.</summary>
    private sealed class CancelAtFirstEpoch(CancellationTokenSource source) : StringWriter
    {
        public override void Write(string? value)
        {
            base.Write(value);
            if (value?.Contains("epoch") == true) source.Cancel();
        }
    }

    private static void AssertCancelled(Fad.Outcome run)
    {
        Assert.Equal(130, run.ExitCode);
        Assert.Equal("fad: error: cancelled.\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Training_cancelled_in_the_middle_saves_nothing_and_exits_130()
    {
        var output = Path.Combine(folder, "parameters.json");
        File.WriteAllText(output, "earlier");
        using var source = new CancellationTokenSource();
        var run = Fad.Run(new CancelAtFirstEpoch(source), source.Token,
            "train", "--csv", Data(), "--target", "y", "--epochs", "2000", "--out", output);

        AssertCancelled(run);
        Assert.Contains("cancelled: nothing was saved; " + output + " is as it was.", run.Output);
        Assert.DoesNotContain("final loss", run.Output);
        Assert.Equal("earlier", File.ReadAllText(output));
        Assert.Equal(["data.csv", "parameters.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_run_cancelled_before_it_trains_writes_nothing()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var output = Path.Combine(folder, "new.json");
        var run = Fad.Run(source.Token, "train", "--csv", Data(), "--target", "y", "--out", output);
        AssertCancelled(run);
        Assert.Contains("cancelled: nothing was saved.", run.Output);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void The_demo_cancelled_while_fitting_writes_no_picture()
    {
        using var source = new CancellationTokenSource();
        var pictures = Path.Combine(folder, "pictures");
        var run = Fad.Run(new CancelAtFirstEpoch(source), source.Token, "demo", "--out", pictures);
        AssertCancelled(run);
        Assert.Contains("cancelled: nothing was written into " + pictures + ".", run.Output);
        Assert.Empty(Directory.GetFiles(pictures));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [Theory]
    [InlineData(2)]  // SIGINT, what Ctrl+C sends
    [InlineData(15)] // SIGTERM
    public async Task The_tool_sent_a_signal_stops_cleanly(int signal)
    {
        if (OperatingSystem.IsWindows()) return;
        var output = Path.Combine(folder, "parameters.json");
        File.WriteAllText(output, "earlier");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "fad.dll"), "train", "--csv", Data(), "--target", "y", "--epochs", "1000000", "--out", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var shown = new StringBuilder();
        // The line before training starts: the signal handlers are in place by then.
        while (process.StandardOutput.ReadLine() is { } line)
        {
            shown.AppendLine(line);
            if (line.StartsWith("Linear algebra:", StringComparison.Ordinal)) break;
        }
        Assert.Equal(0, Kill(process.Id, signal));
        // A guard against a run that ignores the signal, not a timing: what it prints after the signal is a few lines.
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        shown.Append(await process.StandardOutput.ReadToEndAsync());

        Assert.Equal(130, process.ExitCode);
        Assert.Equal("fad: error: cancelled.\n", (await error).ReplaceLineEndings("\n"));
        Assert.Contains($"cancelled: nothing was saved; {output} is as it was.", shown.ToString());
        Assert.Equal("earlier", File.ReadAllText(output));
    }
}
