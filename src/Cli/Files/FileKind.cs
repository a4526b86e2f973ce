using System.Runtime.InteropServices;

namespace FunctionalAD.Cli.Files;

/// <summary>What a path names, without following a symbolic link at its end.</summary>
internal enum FileKind { Missing, RegularFile, Folder, SymbolicLink, Other }

/// <summary>
/// Tells a regular file from a device, a pipe or a socket, which .NET's <see cref="FileInfo"/> reports alike
/// (<see cref="FileAttributes.Normal"/>). On Unix it asks lstat through the runtime's own native shim (the one
/// <see cref="File"/> uses), reading only the file type bits of the mode; elsewhere, or should the shim be
/// missing, it knows files, folders and links only.
/// </summary>
internal static partial class FileKinds
{
    private const int TypeMask = 0xF000, RegularType = 0x8000, FolderType = 0x4000, LinkType = 0xA000;

    public static FileKind Of(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Folder;
        if (!info.Exists) return FileKind.Missing;
        if (OperatingSystem.IsWindows()) return FileKind.RegularFile;
        return TypeBits(path) switch
        {
            null or RegularType => FileKind.RegularFile,
            FolderType => FileKind.Folder,
            LinkType => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
    }

    private static unsafe int? TypeBits(string path)
    {
        // The shim's FileStatus starts with an int of flags and the int mode; the buffer is far larger than the
        // whole structure, whatever fields later runtimes append to it.
        var status = stackalloc int[128];
        try
        {
            return LStat(path, status) == 0 ? status[1] & TypeMask : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LStat(string path, int* status);
}
