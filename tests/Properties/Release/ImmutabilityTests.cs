using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace FunctionalAD.Properties.Release;

/// <summary>
/// Every public type of the core is immutable, checked by reflection (in the spirit of NodaTime's annotation tests):
/// no public setters other than init, no writable public fields, readonly structs, and no member that exposes a
/// mutable collection. That a transformation leaves its arguments alone is checked by Core/PurityProperties.
/// </summary>
public class ImmutabilityTests
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Type[] CoreTypes = typeof(Expr).Assembly.GetExportedTypes()
        .Where(t => !typeof(Delegate).IsAssignableFrom(t) && !t.IsEnum && !t.IsInterface)
        .ToArray();

    [Fact]
    public void The_core_exports_types_to_check() => Assert.Contains(typeof(Expr), CoreTypes);

    [Fact]
    public void Every_public_core_type_is_immutable() => Assert.Empty(CoreTypes.SelectMany(MutabilityOf));

    // Each rule catches what it is meant to catch.
    [Theory]
    [InlineData(typeof(WithSetter), "WithSetter.Value has a public setter")]
    [InlineData(typeof(WithField), "WithField.Value is a writable field")]
    [InlineData(typeof(NotReadonly), "NotReadonly is a struct that is not readonly")]
    [InlineData(typeof(WithArray), "WithArray.Values exposes a mutable Double[]")]
    public void The_checks_find_mutability(Type sample, string finding) =>
        Assert.Equal([finding], MutabilityOf(sample));

    [Fact]
    public void The_checks_accept_immutable_shapes() => Assert.Empty(MutabilityOf(typeof(Immutable)));

    /// <summary>Every way <paramref name="type"/>'s own public members let a caller change an instance.</summary>
    private static IEnumerable<string> MutabilityOf(Type type)
    {
        if (type.IsValueType && !type.IsDefined(typeof(IsReadOnlyAttribute), inherit: false))
            yield return $"{type.Name} is a struct that is not readonly";
        foreach (var property in type.GetProperties(Declared))
        {
            if (property.GetSetMethod() is { } setter && !IsInitOnly(setter))
                yield return $"{type.Name}.{property.Name} has a public setter";
            if (IsMutableCollection(property.PropertyType))
                yield return $"{type.Name}.{property.Name} exposes a mutable {property.PropertyType.Name}";
        }
        foreach (var field in type.GetFields(Declared))
        {
            if (!field.IsInitOnly && !field.IsLiteral)
                yield return $"{type.Name}.{field.Name} is a writable field";
            if (IsMutableCollection(field.FieldType))
                yield return $"{type.Name}.{field.Name} exposes a mutable {field.FieldType.Name}";
        }
    }

    public sealed class WithSetter { public int Value { get; set; } }
    public sealed class WithField { public int Value; }
    public struct NotReadonly { }
    public sealed record WithArray(double[] Values);
    public readonly record struct Immutable(ImmutableArray<double> Values, string Name)
    {
        public const int Answer = 42;
        public static readonly Immutable Empty = new([], "");
        public int Count { get; init; }
    }

    [Theory]
    [InlineData(typeof(int[]), true)]
    [InlineData(typeof(List<double>), true)]
    [InlineData(typeof(Dictionary<string, double>), true)]
    [InlineData(typeof(ImmutableArray<double>), false)]
    [InlineData(typeof(IReadOnlyList<double>), false)]
    [InlineData(typeof(string), false)]
    public void The_collection_check_tells_mutable_from_immutable(Type type, bool mutable) =>
        Assert.Equal(mutable, IsMutableCollection(type));

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    // Arrays and the mutable collection interfaces; immutable and read-only ones (and strings) are fine.
    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray) return true;
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)) return false;
        if (type.Namespace == "System.Collections.Immutable") return false;
        var interfaces = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        return interfaces.Any(i => i == typeof(IList) || i == typeof(IDictionary)
            || (i.IsGenericType && i.GetGenericTypeDefinition() is var d
                && (d == typeof(ICollection<>) || d == typeof(ISet<>))));
    }
}
