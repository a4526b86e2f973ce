using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// Every <c>```csharp</c> block of README.md and docs/ compiles against the current assemblies, so the documents
/// cannot drift from the code. The blocks of one file are compiled in order as one C# script, like the cells of a
/// notebook: a later block may use what an earlier one defined. A block preceded by the line
/// <c>&lt;!-- not compiled --&gt;</c> is skipped (for deliberate fragments; say why next to it). As in a REPL, a
/// line may be a bare expression followed by a comment showing its value (<c>vjp.Value;   // 7</c>): it is compiled
/// as a discard, <c>_ = vjp.Value;</c>, so it is still type-checked.
/// </summary>
public partial class DocumentationSnippetTests
{
    public static TheoryData<string> Documents()
    {
        var files = new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_compiles(string document)
    {
        var snippets = Snippets(File.ReadAllText(Repository.PathOf(document)));
        Script? script = null;
        var errors = new List<string>();
        foreach (var (line, code) in snippets)
        {
            var cell = AllowBareExpressions(code);
            script = script is null ? CSharpScript.Create(cell, Options) : script.ContinueWith(cell, Options);
            errors.AddRange(script.Compile()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => $"{document}, block at line {line}: {d}"));
            if (errors.Count > 0) break; // later blocks would only repeat the damage
        }
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Blocks_are_found_with_their_lines_and_fragments_skipped()
    {
        const string markdown =
            "# Title\n```csharp\nvar a = 1;\n```\ntext\n<!-- not compiled -->\n```csharp\nbroken(\n```\n```text\nx\n```\n```cs\nvar b = a;\n```\n";
        Assert.Equal([(3, "var a = 1;\n"), (14, "var b = a;\n")], Snippets(markdown));
    }

    [Fact]
    public void A_broken_block_is_reported()
    {
        var script = CSharpScript.Create("Expr y = Expr.Input(\"x\") *;", Options);
        Assert.Contains(script.Compile(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void An_internal_member_in_a_block_is_reported()
    {
        var script = CSharpScript.Create("var sin = Rules.Unary(\"sin\", Math.Sin, (x, _) => Math.Cos(x), (x, _) => Expr.Cos(x));", Options);
        Assert.Contains(script.Compile(), d => d.Severity == DiagnosticSeverity.Error && d.Id == "CS0122"); // inaccessible due to its protection level
    }

    [Fact]
    public void The_examples_of_this_project_see_only_the_public_surface()
    {
        // The examples here are compiled as a reader's code would be: no library assembly names this one a friend.
        var self = typeof(DocumentationSnippetTests).Assembly.GetName().Name;
        var friends = new[] { typeof(Expr).Assembly, typeof(Differentiate).Assembly }
            .SelectMany(a => a.GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), false))
            .Cast<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName.Split(',')[0].Trim())
            .ToArray();
        Assert.Contains("FunctionalAD.Properties", friends); // the check reads the attributes it means to
        Assert.DoesNotContain(self, friends);
    }

    [Fact]
    public void Bare_expressions_become_discards_and_statements_stay()
    {
        Assert.Equal("_ = vjp.Value;   // 7\nf(1);\nx = 2;\n", AllowBareExpressions("vjp.Value;   // 7\nf(1);\nx = 2;\n"));
    }

    /// <summary>Rewrites each bare expression statement that C# would reject (<c>a.B;</c>, <c>v[0];</c>) into a discard.</summary>
    private static string AllowBareExpressions(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var bare = root.DescendantNodes().OfType<ExpressionStatementSyntax>()
            .Where(s => s.Expression is not (InvocationExpressionSyntax or AssignmentExpressionSyntax
                or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax
                or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax));
        return root.ReplaceNodes(bare, (old, _) => old.WithExpression(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"),
                old.Expression.WithoutLeadingTrivia())
            .WithLeadingTrivia(old.Expression.GetLeadingTrivia())
            .NormalizeWhitespace()))
            .ToFullString();
    }

    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(typeof(Expr).Assembly, typeof(Differentiate).Assembly, typeof(FunctionalAD.Testing.RuleCheck).Assembly, typeof(Console).Assembly,
                        typeof(Enumerable).Assembly, typeof(System.Collections.Immutable.ImmutableArray).Assembly)
        .AddReferences(typeof(Expr).Assembly.GetReferencedAssemblies().Select(System.Reflection.Assembly.Load))
        .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Collections.Immutable",
                     "FunctionalAD");

    /// <summary>The compiled blocks of a Markdown text: the line of each block's first code line, and its code.</summary>
    private static List<(int Line, string Code)> Snippets(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var result = new List<(int, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success) continue;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            var skipped = i > 0 && lines[i - 1].Trim() == "<!-- not compiled -->";
            if (fence.Groups["lang"].Value is "csharp" or "cs" or "c#" && !skipped)
                result.Add((start + 1, string.Concat(lines[start..end].Select(l => l + "\n"))));
            i = end;
        }
        return result;
    }

    [GeneratedRegex(@"^\s*```(?<lang>[\w#+-]*)")]
    private static partial Regex Fence();
}
