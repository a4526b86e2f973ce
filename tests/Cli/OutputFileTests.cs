using System.Text;

namespace FunctionalAD.Cli.Tests;

/// <summary>
/// Every file <c>fad</c> writes: never one of its inputs, never a link, a folder or a device put in place of a file,
/// the permissions of a replaced file kept, an unwritable folder reported before any training, and the temporaries
/// of a save named so a user recognises them and cleaned up by the next save once their process is gone.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fad-out-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Data()
    {
        var csv = new StringBuilder("a,b,y\n");
        for (var i = 0; i < 20; i++) csv.AppendLine($"{i},{i % 3},{2 * i - (i % 3)}");
        var path = Path.Combine(folder, "data.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static Fad.Outcome Train(string csv, string output, params string[] more) =>
        Fad.Run(["train", "--csv", csv, "--target", "y", "--model", "linear", "--epochs", "2", "--out", output, .. more]);

    private static void AssertRefusedBeforeTraining(Fad.Outcome run, string message)
    {
        GradCommandTests.AssertOneLineError(run, 1, message);
        Assert.DoesNotContain("epoch", run.Output);
    }

    [Fact]
    public void The_training_data_is_never_the_output()
    {
        var csv = Data();
        var before = File.ReadAllText(csv);
        AssertRefusedBeforeTraining(Train(csv, csv), "--out " + csv + " is the file --csv reads");
        // Named another way: relative, through "..", or through a symbolic link to it or to its folder.
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), csv);
        AssertRefusedBeforeTraining(Train(csv, relative), "is the file --csv reads");
        AssertRefusedBeforeTraining(Train(csv, Path.Combine(folder, "sub", "..", "data.csv")), "is the file --csv reads");
        if (!OperatingSystem.IsWindows())
        {
            var link = Path.Combine(folder, "link.csv");
            File.CreateSymbolicLink(link, csv);
            AssertRefusedBeforeTraining(Train(link, csv), "is the file --csv reads");
            var linkedFolder = Path.Combine(folder, "linked");
            Directory.CreateSymbolicLink(linkedFolder, folder);
            AssertRefusedBeforeTraining(Train(csv, Path.Combine(linkedFolder, "data.csv")), "is the file --csv reads");
        }
        Assert.Equal(before, File.ReadAllText(csv));
    }

    [Fact]
    public void A_symbolic_link_is_not_replaced()
    {
        if (OperatingSystem.IsWindows()) return;
        var target = Path.Combine(folder, "real.json");
        File.WriteAllText(target, "keep");
        var link = Path.Combine(folder, "link.json");
        File.CreateSymbolicLink(link, target);
        AssertRefusedBeforeTraining(Train(Data(), link), "is a symbolic link");
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("keep", File.ReadAllText(target));
    }

    [Fact]
    public void A_folder_or_a_pipe_is_not_replaced()
    {
        var csv = Data();
        var sub = Directory.CreateDirectory(Path.Combine(folder, "results")).FullName;
        AssertRefusedBeforeTraining(Train(csv, sub), "is a folder");
        Assert.True(Directory.Exists(sub));
        if (OperatingSystem.IsWindows()) return;
        // A named pipe stands for any special file (a device such as /dev/full is replaced the same way).
        var pipe = Path.Combine(folder, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        AssertRefusedBeforeTraining(Train(csv, pipe), "is a device, a pipe or a socket, not a regular file");
        Assert.Equal(Files.FileKind.Other, Files.FileKinds.Of(pipe));
        AssertRefusedBeforeTraining(Train(csv, "/dev/null"), "is a device, a pipe or a socket");
    }

    [Fact]
    public void Replacing_a_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows()) return;
        var output = Path.Combine(folder, "private.json");
        File.WriteAllText(output, "{}");
        File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(0, Train(Data(), output).ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        Assert.StartsWith("{\n  \"format\"", File.ReadAllText(output).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_unwritable_folder_is_reported_before_training_by_its_name()
    {
        var csv = Data();
        // A folder that cannot exist: its parent is a file (a read-only folder does not stop root, who runs CI).
        var blocked = Path.Combine(csv, "results");
        var run = Train(csv, Path.Combine(blocked, "parameters.json"));
        AssertRefusedBeforeTraining(run, $"--out: cannot write into the folder {blocked}");
        Assert.DoesNotContain(".tmp", run.Error);
        Assert.DoesNotContain("fad-partial", run.Error);
    }

    [Fact]
    public void The_demo_checks_its_folder_and_files_before_the_walkthrough()
    {
        var file = Path.Combine(folder, "not-a-folder");
        File.WriteAllText(file, "keep");
        var run = Fad.Run("demo", "--out", file);
        GradCommandTests.AssertOneLineError(run, 1, "is a file, not a folder");
        Assert.Equal("", run.Output);
        Assert.Equal("keep", File.ReadAllText(file));

        if (OperatingSystem.IsWindows()) return;
        var pictures = Directory.CreateDirectory(Path.Combine(folder, "pictures")).FullName;
        File.WriteAllText(Path.Combine(folder, "elsewhere.dot"), "keep");
        File.CreateSymbolicLink(Path.Combine(pictures, "graph.dot"), Path.Combine(folder, "elsewhere.dot"));
        run = Fad.Run("demo", "--out", pictures);
        GradCommandTests.AssertOneLineError(run, 1, "graph.dot is a symbolic link");
        Assert.Equal("", run.Output);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(folder, "elsewhere.dot")));
    }

    [Fact]
    public void A_save_removes_the_temporaries_of_ended_processes_and_nothing_else()
    {
        var csv = Data();
        var output = Path.Combine(folder, "model.json");
        // No process has an id above the kernel's largest (4,194,304); process 1 always runs; ours runs too.
        var stale = Path.Combine(folder, "model.json.fad-partial-4194305.tmp");
        var staleOther = Path.Combine(folder, "older.json.fad-partial-4194306.tmp");
        var running = Path.Combine(folder, "model.json.fad-partial-1.tmp");
        var ours = Path.Combine(folder, $"other.json.fad-partial-{Environment.ProcessId}.tmp");
        var notOurs = new[] { ".model.json.0123456789abcdef.tmp", "model.json.fad-partial-12ab.tmp", "model.json.fad-partial-7.tmp.keep", "notes.txt" }
            .Select(name => Path.Combine(folder, name)).ToArray();
        foreach (var path in new[] { stale, staleOther, running, ours }.Concat(notOurs)) File.WriteAllText(path, new string('x', 1000));
        if (OperatingSystem.IsWindows()) running = ours; // process 1 is Linux's

        Assert.Equal(0, Train(csv, output).ExitCode);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleOther));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(ours));
        Assert.All(notOurs, path => Assert.True(File.Exists(path), path));
    }

    [Fact]
    public void A_failed_save_leaves_the_target_as_it_was_and_its_temporary_is_visible_while_it_is_written()
    {
        var target = Path.Combine(folder, "table.json");
        File.WriteAllText(target, "previous");
        string[] during = [];
        var failure = Assert.Throws<InvalidOperationException>(() => Files.OutputFile.Write(target, "--out", stream =>
        {
            stream.Write("partial"u8);
            during = Directory.GetFiles(folder).Select(Path.GetFileName).ToArray()!;
            throw new InvalidOperationException("stopped");
        }));
        Assert.Equal("stopped", failure.Message);
        // Not hidden, the target's name first, the writing process's id: a user sees what it is and whose it was.
        Assert.Contains($"table.json.fad-partial-{Environment.ProcessId}.tmp", during);
        Assert.Equal("previous", File.ReadAllText(target));
        Assert.Equal(["table.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void An_empty_or_missing_output_name_is_said_in_the_users_terms()
    {
        var csv = Data();
        foreach (var run in new[] { Train(csv, ""), Fad.Run("demo", "--out", "") })
        {
            GradCommandTests.AssertOneLineError(run, 1, "--out is empty");
            Assert.DoesNotContain("Parameter", run.Error);
        }
        // An option without its value, last or before another option, never gets a value of its own making.
        foreach (var args in new[] { new[] { "demo", "--out" }, ["grad", "x", "--at"], ["grad", "x", "--at", "--hessian"], ["train", "--csv", csv, "--target"], ["train", "--csv", csv, "--target", "y", "--epochs"] })
        {
            var run = Fad.Run(args);
            GradCommandTests.AssertOneLineError(run, 2, "needs a value");
            Assert.DoesNotContain("__", run.Error + run.Output);
        }
        Assert.False(Directory.Exists("__default_command"));
    }
}
