using System.Reflection;
using System.Text.RegularExpressions;

namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// The calls that README.md and docs/ show in running text (<c>`Reverse.Grad(y, at)`</c>), which no compiler sees,
/// name public types and members of the library: a reader can write them. Calls on types the library does not define
/// (<c>Math.Sin</c>) are not checked. Together with <see cref="DocumentationSnippetTests"/>, which compiles every
/// C# block against the library's public surface, the documents cannot show an internal API.
/// </summary>
public partial class DocumentationCallTests
{
    private static readonly Assembly[] Library = [typeof(Expr).Assembly, typeof(Differentiate).Assembly];

    [Theory]
    [MemberData(nameof(DocumentationSnippetTests.Documents), MemberType = typeof(DocumentationSnippetTests))]
    public void Every_call_in_running_text_is_public(string document)
    {
        var problems = Calls(File.ReadAllText(Repository.PathOf(document)))
            .Select(call => (call, Problem: Problem(call.Type, call.Member)))
            .Where(c => c.Problem is not null)
            .Select(c => $"{document}, line {c.call.Line}: `{c.call.Text}`: {c.Problem}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void An_internal_type_or_a_missing_member_is_reported()
    {
        Assert.Equal("Rules is not public", Problem("Rules", "Unary"));
        Assert.Equal("Reverse has no public member Gradient", Problem("Reverse", "Gradient"));
        Assert.Null(Problem("Reverse", "Grad"));
        Assert.Null(Problem("Math", "Sin")); // not the library's: not checked
        Assert.Equal([(2, "Rules", "Unary", "Rules.Unary(\"sin\", f)")],
            Calls("text\nsee `Rules.Unary(\"sin\", f)` and `x`\n```csharp\nHidden.Call(1);\n```\n").Select(c => (c.Line, c.Type, c.Member, c.Text)));
    }

    /// <summary>Why <paramref name="type"/>.<paramref name="member"/> is not public API, or null (also for a type the library does not define).</summary>
    private static string? Problem(string type, string member)
    {
        var candidates = Library.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && t.Namespace == "FunctionalAD" && t.Name.Split('`')[0] == type).ToArray();
        if (candidates.Length == 0) return null;
        var visible = candidates.Where(t => t.IsPublic).ToArray();
        if (visible.Length == 0) return $"{type} is not public";
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.FlattenHierarchy;
        return visible.Any(t => t.GetMember(member, Public).Length > 0) ? null : $"{type} has no public member {member}";
    }

    /// <summary>The <c>Type.Member(</c> (or <c>Type.Member&lt;</c>) calls in inline code spans outside fenced blocks, with their lines.</summary>
    private static List<(int Line, string Type, string Member, string Text)> Calls(string markdown)
    {
        var result = new List<(int, string, string, string)>();
        var fenced = false;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced) continue;
            foreach (Match span in InlineCode().Matches(lines[i]))
                foreach (Match call in Call().Matches(span.Groups[1].Value))
                    result.Add((i + 1, call.Groups["type"].Value, call.Groups["member"].Value, span.Groups[1].Value));
        }
        return result;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?<![\w.])(?<type>[A-Z]\w*)(?:<[^>]*>)?\.(?<member>[A-Z]\w*)\s*[(<]")]
    private static partial Regex Call();
}
