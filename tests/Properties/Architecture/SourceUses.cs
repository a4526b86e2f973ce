using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using FunctionalAD.Properties.Release;

namespace FunctionalAD.Properties.Architecture;

/// <summary>One use, in a source file of the core, of a type or member declared in another file of the core.</summary>
/// <param name="File">The using file, relative to the core's folder, '/'-separated.</param>
/// <param name="Line">The line of the use (1-based).</param>
/// <param name="Name">What is used, as Roslyn prints it.</param>
/// <param name="DeclaredIn">The files that declare it (one for a member, every part of a partial type).</param>
internal sealed record SourceUse(string File, int Line, string Name, ImmutableArray<string> DeclaredIn);

/// <summary>
/// Every use of a type or member of the core by a file of the core, found by compiling src/Core.Immutable with Roslyn:
/// names, operators and constructors resolved to their declarations. Built once per test run.
/// </summary>
internal static class SourceUses
{
    public const string CoreFolder = "src/Core.Immutable";

    public static readonly Lazy<ImmutableArray<SourceUse>> All = new(Find);

    private static ImmutableArray<SourceUse> Find()
    {
        var root = Repository.PathOf(CoreFolder);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)));
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var trees = files
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, path: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, path: "<implicit usings>"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "FunctionalAD.Core.Layers",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        // Source generators do not run here, so a generated part (a [GeneratedRegex] method) is missing: that error only.
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795")
            .Take(5).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException("The core did not compile for the layer check: " + string.Join("; ", errors));

        var uses = ImmutableArray.CreateBuilder<SourceUse>();
        foreach (var tree in trees.Where(t => t.FilePath.EndsWith(".cs", StringComparison.Ordinal)))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not (SimpleNameSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax
                    or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax)) continue;
                if (model.GetSymbolInfo(node).Symbol is not { } symbol) continue;
                var declaredIn = DeclaringFiles(symbol);
                if (declaredIn.IsEmpty || declaredIn.Contains(tree.FilePath)) continue;
                uses.Add(new SourceUse(tree.FilePath, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1,
                    symbol.ToDisplayString(), declaredIn));
            }
        }
        return uses.ToImmutable();
    }

    // A member is where it is written; a type is every file that writes a part of it (an implicit member, such as a
    // record's equality, is where its type is).
    private static ImmutableArray<string> DeclaringFiles(ISymbol symbol)
    {
        symbol = symbol.OriginalDefinition;
        if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty && symbol.ContainingType is { } type && symbol is not ITypeSymbol)
            references = type.OriginalDefinition.DeclaringSyntaxReferences;
        return [.. references.Select(r => r.SyntaxTree.FilePath).Where(p => p.EndsWith(".cs", StringComparison.Ordinal)).Distinct()];
    }

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => !Path.GetFileName(p).StartsWith("FunctionalAD", StringComparison.Ordinal))
        .Select(p => MetadataReference.CreateFromFile(p));

    // The SDK's implicit usings for a class library, which the core's project enables.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
