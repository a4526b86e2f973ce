using System.Reflection;
using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// One chunk of compiled code over two buffers of doubles, one number per node (values and adjoints, or values
/// and tangents), passed as pointers to the chunk's first node: the chunk reads and writes at constant offsets
/// from there, including negative ones for the nodes of earlier chunks.
/// </summary>
internal unsafe delegate void Chunk(double* first, double* second);

/// <summary>
/// Emits one chunk of straight-line code as a <see cref="DynamicMethod"/> over two shared buffers of
/// doubles (a <see cref="Chunk"/>), read and written through pointers at constant offsets from the chunk's origin, without bounds
/// checks. Arithmetic is emitted as opcodes; other rules are direct calls of their delegates' methods, on
/// targets loaded once into locals by a prologue that is emitted after the body and jumped to first, so the
/// body can be emitted in one pass.
/// </summary>
internal sealed unsafe class ChunkEmitter
{
    private static readonly Type[] Parameters =
        [typeof(object[]), typeof(double*), typeof(double*)];

    private readonly DynamicMethod method;
    private readonly Label prologue;
    private readonly Label body;
    private readonly List<(int Index, Type Type, LocalBuilder Local)> prologueLoads = [];
    private readonly List<object> targets = [];
    private readonly Dictionary<object, LocalBuilder> targetLocals = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<LocalBuilder> free = [];
    private readonly Layout layout;
    private readonly int origin;
    private LocalBuilder? partial;

    /// <summary>
    /// An emitter for the chunk that starts at node <paramref name="start"/>: nodes are addressed by their slots in
    /// <paramref name="layout"/>, relative to the chunk's first slot (the chunk runs with buffers offset by it).
    /// </summary>
    public ChunkEmitter(Layout layout, int start)
    {
        this.layout = layout;
        origin = layout.Before(start);
        method = new DynamicMethod("FunctionalAD.Chunk", typeof(void), Parameters, typeof(ChunkEmitter).Module, skipVisibility: true);
        IL = method.GetILGenerator();
        prologue = IL.DefineLabel();
        body = IL.DefineLabel();
        IL.Emit(OpCodes.Br, prologue);
        IL.MarkLabel(body);
    }

    /// <summary>The body's IL stream.</summary>
    public ILGenerator IL { get; }

    /// <summary>A local of type double: one given back by <see cref="Release"/> if there is one, so the JIT sees few locals.</summary>
    public LocalBuilder Local() => free.TryPop(out var local) ? local : IL.DeclareLocal(typeof(double));

    /// <summary>Gives back a local from <see cref="Local"/> whose value is no longer read.</summary>
    public void Release(LocalBuilder local) => free.Push(local);

    /// <summary>Pushes the address of node <paramref name="index"/>'s slot in buffer <paramref name="array"/> (0 or 1).</summary>
    public void LoadAddress(int array, int index)
    {
        var slot = layout.SlotOf[index];
        if (slot < 0) throw new InvalidOperationException($"The compiler gave node {index} no slot, but its code reads or writes one.");
        IL.Emit(OpCodes.Ldarg, (short)(array + 1));
        if (slot == origin) return;
        IL.Emit(OpCodes.Ldc_I4, (slot - origin) * sizeof(double)); // negative for earlier chunks: sign-extended
        IL.Emit(OpCodes.Add);
    }

    /// <summary>Pushes array[index].</summary>
    public void LoadElement(int array, int index)
    {
        LoadAddress(array, index);
        IL.Emit(OpCodes.Ldind_R8);
    }

    /// <summary>array[index] = value.</summary>
    public void StoreElement(int array, int index, Operand value)
    {
        LoadAddress(array, index);
        value.Push(this);
        IL.Emit(OpCodes.Stind_R8);
    }

    /// <summary>Pops a number and stores it into <paramref name="local"/>.</summary>
    public void Store(LocalBuilder local) => IL.Emit(OpCodes.Stloc, local);

    /// <summary>array[index] += the number <paramref name="push"/> pushes.</summary>
    public void AddToElement(int array, int index, Action push)
    {
        LoadAddress(array, index);
        IL.Emit(OpCodes.Dup);
        IL.Emit(OpCodes.Ldind_R8);
        push();
        IL.Emit(OpCodes.Add);
        IL.Emit(OpCodes.Stind_R8);
    }

    /// <summary>target += the number <paramref name="push"/> pushes.</summary>
    public void AddToLocal(LocalBuilder target, Action push)
    {
        IL.Emit(OpCodes.Ldloc, target);
        push();
        IL.Emit(OpCodes.Add);
        IL.Emit(OpCodes.Stloc, target);
    }

    /// <summary>Pushes <paramref name="instance"/>, held in a local loaded by the prologue.</summary>
    public void LoadObject(object instance)
    {
        if (!targetLocals.TryGetValue(instance, out var local))
        {
            var type = instance.GetType();
            local = IL.DeclareLocal(type);
            prologueLoads.Add((targets.Count, type, local));
            targets.Add(instance);
            targetLocals[instance] = local;
        }
        IL.Emit(OpCodes.Ldloc, local);
    }

    /// <summary>
    /// Pushes the result of <paramref name="rule"/>(arguments) as a direct call of its method, or through
    /// <c>Invoke</c> for a delegate whose method cannot be called directly (closed over a static method's
    /// first argument, or several methods).
    /// </summary>
    public void Call(Delegate rule, params Operand[] arguments)
    {
        var method = rule.Method;
        var direct = rule.GetInvocationList().Length == 1 && (method.IsStatic ? rule.Target is null : rule.Target is not null);
        if (!direct)
        {
            LoadObject(rule);
            foreach (var argument in arguments) argument.Push(this);
            IL.Emit(OpCodes.Callvirt, rule.GetType().GetMethod(nameof(Action.Invoke))!);
            return;
        }
        if (!method.IsStatic) LoadObject(rule.Target!);
        foreach (var argument in arguments) argument.Push(this);
        IL.Emit(OpCodes.Call, method);
    }

    /// <summary>Pushes the result of the instance method <paramref name="name"/> of <paramref name="instance"/>.</summary>
    public void CallMethod(object instance, string name, params Operand[] arguments)
    {
        LoadObject(instance);
        foreach (var argument in arguments) argument.Push(this);
        IL.Emit(OpCodes.Callvirt, instance.GetType().GetMethod(name, BindingFlags.Public | BindingFlags.Instance)!);
    }

    /// <summary>
    /// Pops a partial and pushes partial × <paramref name="direction"/> with the strong zero of
    /// <see cref="Rules.Times"/>: 0 when either is exactly zero. A constant direction folds its test away.
    /// </summary>
    public void Times(Operand direction)
    {
        partial ??= IL.DeclareLocal(typeof(double));
        Label zero = IL.DefineLabel(), done = IL.DefineLabel();
        IL.Emit(OpCodes.Stloc, partial);
        IL.Emit(OpCodes.Ldloc, partial);
        IL.Emit(OpCodes.Ldc_R8, 0.0);
        IL.Emit(OpCodes.Beq, zero);
        if (!direction.IsConstant || direction.Constant == 0)
        {
            direction.Push(this);
            IL.Emit(OpCodes.Ldc_R8, 0.0);
            IL.Emit(OpCodes.Beq, zero);
        }
        IL.Emit(OpCodes.Ldloc, partial);
        direction.Push(this);
        IL.Emit(OpCodes.Mul);
        IL.Emit(OpCodes.Br, done);
        IL.MarkLabel(zero);
        IL.Emit(OpCodes.Ldc_R8, 0.0);
        IL.MarkLabel(done);
    }

    /// <summary>Ends the body, appends the prologue, and makes the delegate.</summary>
    public Chunk Finish()
    {
        IL.Emit(OpCodes.Ret);
        IL.MarkLabel(prologue);
        foreach (var (index, type, local) in prologueLoads)
        {
            IL.Emit(OpCodes.Ldarg_0);
            IL.Emit(OpCodes.Ldc_I4, index);
            IL.Emit(OpCodes.Ldelem_Ref);
            IL.Emit(OpCodes.Castclass, type);
            IL.Emit(OpCodes.Stloc, local);
        }
        IL.Emit(OpCodes.Br, body);
        return method.CreateDelegate<Chunk>(targets.ToArray());
    }
}
