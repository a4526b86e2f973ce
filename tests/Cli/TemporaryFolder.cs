namespace FunctionalAD.Cli.Tests;

/// <summary>A fresh folder for each test of a class, removed after the test, and a way to write files into it.</summary>
/// <param name="prefix">The start of the folder's name, which tells whose folder it is.</param>
public abstract class TemporaryFolder(string prefix) : IDisposable
{
    /// <summary>The folder's full path.</summary>
    protected readonly string folder = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Removes the folder and everything in it.</summary>
    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes <paramref name="content"/> to the file <paramref name="name"/> in the folder and returns its path.</summary>
    protected string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
