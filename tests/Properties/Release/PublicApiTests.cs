using System.Reflection;
using PublicApiGenerator;

namespace FunctionalAD.Properties.Release;

/// <summary>
/// The public surface of each shipped assembly is approved in api/&lt;assembly&gt;.txt. A change to it fails here until
/// the file is updated on purpose: run <c>FUNCTIONALAD_APPROVE_API=1 dotnet test --filter PublicApiTests</c>, then
/// review the diff of api/ like any other change (see docs/contributing.md).
/// </summary>
public class PublicApiTests
{
    public static TheoryData<string> ShippedAssemblies => ["FunctionalAD.Core", "FunctionalAD", "FunctionalAD.Testing"];

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void Public_api_is_the_approved_one(string assemblyName)
    {
        var assembly = assemblyName switch
        {
            "FunctionalAD.Core" => typeof(Expr).Assembly,
            "FunctionalAD.Testing" => typeof(FunctionalAD.Testing.RuleCheck).Assembly,
            _ => typeof(Differentiate).Assembly,
        };
        Assert.Equal(assemblyName, assembly.GetName().Name);
        var actual = Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute",
                                 "System.Reflection.AssemblyMetadataAttribute"],
        }));
        var file = Repository.PathOf($"api/{assemblyName}.txt");

        if (Environment.GetEnvironmentVariable("FUNCTIONALAD_APPROVE_API") == "1")
            File.WriteAllText(file, actual);

        Assert.True(File.Exists(file), $"{file} is missing: approve the API (docs/contributing.md).");
        var approved = Normalize(File.ReadAllText(file));
        if (approved == actual) return;
        Assert.Fail($"The public API of {assemblyName} differs from {file}.\n{FirstDifference(approved, actual)}\n"
                    + "If the change is intended, run FUNCTIONALAD_APPROVE_API=1 dotnet test --filter PublicApiTests "
                    + "and commit the updated file.");
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static string FirstDifference(string approved, string actual)
    {
        var (a, b) = (approved.Split('\n'), actual.Split('\n'));
        var removed = a.Except(b).Take(10).Select(line => "- " + line);
        var added = b.Except(a).Take(10).Select(line => "+ " + line);
        return string.Join('\n', removed.Concat(added));
    }
}
