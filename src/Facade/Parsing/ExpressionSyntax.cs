namespace FunctionalAD;

/// <summary>A parse tree of <see cref="Expression.Parse"/>, turned into a graph by an explicit stack so that building never recurses.</summary>
internal abstract record Syntax
{
    public Expr Build()
    {
        var built = new Dictionary<Syntax, Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Syntax Node, bool Expanded)>();
        stack.Push((this, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            var children = node.Children;
            if (!expanded && children.Length > 0)
            {
                stack.Push((node, true));
                foreach (var child in children) stack.Push((child, false));
                continue;
            }
            built[node] = node.Make([.. children.Select(c => built[c])]);
        }
        return built[this];
    }

    protected abstract Syntax[] Children { get; }

    protected abstract Expr Make(Expr[] arguments);
}

internal sealed record NumberSyntax(double Value) : Syntax
{
    protected override Syntax[] Children => [];
    protected override Expr Make(Expr[] arguments) => Expr.Constant(Value);
}

internal sealed record NameSyntax(string Name) : Syntax
{
    protected override Syntax[] Children => [];
    protected override Expr Make(Expr[] arguments) => Expr.Input(Name);
}

internal sealed record NegateSyntax(Syntax Operand) : Syntax
{
    protected override Syntax[] Children => [Operand];

    // A negated number literal is a negative constant, as the graph printer writes one.
    protected override Expr Make(Expr[] arguments) =>
        Operand is NumberSyntax n ? Expr.Constant(-n.Value) : Expr.Negate(arguments[0]);
}

internal sealed record BinarySyntax(char Operator, Syntax Left, Syntax Right) : Syntax
{
    protected override Syntax[] Children => [Left, Right];

    protected override Expr Make(Expr[] arguments) => Operator switch
    {
        '+' => arguments[0] + arguments[1],
        '-' => arguments[0] - arguments[1],
        '*' => arguments[0] * arguments[1],
        '/' => arguments[0] / arguments[1],
        // A constant exponent makes x ^ p, whose derivative is defined for negative x too.
        _ => arguments[1] is ConstantNode { Shape.IsScalar: true } c ? Expr.Pow(arguments[0], c.Value.ToScalar()) : Expr.Pow(arguments[0], arguments[1]),
    };
}

internal sealed record CallSyntax(string Name, int Column, Syntax[] Arguments) : Syntax
{
    protected override Syntax[] Children => Arguments;

    protected override Expr Make(Expr[] arguments)
    {
        if (Expression.Families.TryGetValue(Name, out var family)) return MakeMember(family, arguments);
        if (!Expression.Functions.TryGetValue(Name, out var primitive))
            throw new ExpressionParseException(Column,
                $"unknown function '{Name}'; the functions are: {string.Join(", ", Expression.Functions.Keys.Concat(Expression.Families.Keys).Order(StringComparer.Ordinal))}");
        if (arguments.Length != primitive.Arity)
            throw new ExpressionParseException(Column,
                $"'{Name}' takes {primitive.Arity} argument{(primitive.Arity == 1 ? "" : "s")}, not {arguments.Length}");
        return Expr.Apply(primitive, arguments);
    }

    // A family member: its arguments, then its parameters as numbers, e.g. elu(x, 1) or clamp(x, -1, 1).
    private Expr MakeMember(PrimitiveFamily family, Expr[] arguments)
    {
        var count = family.Arity + family.ParameterNames.Length;
        if (arguments.Length != count)
            throw new ExpressionParseException(Column,
                $"'{Name}' takes {count} arguments ({string.Join(", ", Enumerable.Range(0, family.Arity).Select(i => i == 0 ? "x" : "y").Concat(family.ParameterNames))}), not {arguments.Length}");
        var parameters = new double[family.ParameterNames.Length];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = arguments[family.Arity + i] is ConstantNode { Shape.IsScalar: true } c
                ? c.Value.ToScalar()
                : throw new ExpressionParseException(Column, $"'{Name}': its {family.ParameterNames[i]} must be a number");
        Primitive member;
        try
        {
            member = family.Make(parameters);
        }
        catch (ArgumentException e)
        {
            throw new ExpressionParseException(Column, $"'{Name}': {e.InnerException?.Message ?? e.Message}");
        }
        return family.Arity == 1 ? Expr.Apply(member, arguments[0]) : Expr.Apply(member, arguments[0], arguments[1]);
    }
}
