using System.Reflection;
using System.Reflection.Emit;

namespace FunctionalAD;

/// <summary>
/// One chunk of compiled code over four buffers of doubles (what each holds depends on the program). The
/// buffers are pinned arrays, at least as long as the indices the chunk was emitted for.
/// </summary>
internal unsafe delegate void Chunk(double* a, double* b, double* c, double* d);

/// <summary>A number the emitted code reads: a constant folded into the code, or a local.</summary>
internal readonly record struct Operand(LocalBuilder? Local, double Constant)
{
    public static Operand Of(double constant) => new(null, constant);

    public static Operand Of(LocalBuilder local) => new(local, 0);

    /// <summary>Pushes the number.</summary>
    public void Push(ILGenerator il)
    {
        if (Local is null) il.Emit(OpCodes.Ldc_R8, Constant);
        else il.Emit(OpCodes.Ldloc, Local);
    }
}

/// <summary>
/// Emits one chunk of straight-line code as a <see cref="DynamicMethod"/> over four shared buffers of
/// doubles (a <see cref="Chunk"/>), read and written through pointers at constant offsets, without bounds checks. Rules are called as direct calls of their delegates' methods, on
/// targets loaded once into locals, so that the JIT inlines the rules' bodies. Locals that must be loaded
/// before the body (targets, values from other chunks) are loaded by a prologue emitted after the body and
/// jumped to first, so the body can be emitted in one pass.
/// </summary>
internal sealed unsafe class ChunkEmitter
{
    private static readonly Type[] Parameters =
        [typeof(object[]), typeof(double*), typeof(double*), typeof(double*), typeof(double*)];

    private readonly DynamicMethod method;
    private readonly Label prologue;
    private readonly Label body;
    private readonly List<Action> prologueSteps = [];
    private readonly List<object> targets = [];
    private readonly Dictionary<object, LocalBuilder> targetLocals = new(ReferenceEqualityComparer.Instance);
    private LocalBuilder? scratch;

    public ChunkEmitter()
    {
        method = new DynamicMethod("FunctionalAD.Chunk", typeof(void), Parameters, typeof(ChunkEmitter).Module, skipVisibility: true);
        IL = method.GetILGenerator();
        prologue = IL.DefineLabel();
        body = IL.DefineLabel();
        IL.Emit(OpCodes.Br, prologue);
        IL.MarkLabel(body);
    }

    /// <summary>The body's IL stream.</summary>
    public ILGenerator IL { get; }

    /// <summary>A new local of type double (or <paramref name="type"/>).</summary>
    public LocalBuilder Local(Type? type = null) => IL.DeclareLocal(type ?? typeof(double));

    /// <summary>A local loaded by the prologue from array <paramref name="array"/> (0–3) at <paramref name="index"/>.</summary>
    public LocalBuilder Preload(int array, int index)
    {
        var local = Local();
        prologueSteps.Add(() =>
        {
            LoadElement(array, index);
            IL.Emit(OpCodes.Stloc, local);
        });
        return local;
    }

    /// <summary>A local set by the prologue to <paramref name="value"/>.</summary>
    public LocalBuilder Preset(double value)
    {
        var local = Local();
        prologueSteps.Add(() =>
        {
            IL.Emit(OpCodes.Ldc_R8, value);
            IL.Emit(OpCodes.Stloc, local);
        });
        return local;
    }

    /// <summary>Pushes the address of element <paramref name="index"/> of buffer <paramref name="array"/> (0–3).</summary>
    public void LoadAddress(int array, int index)
    {
        IL.Emit(OpCodes.Ldarg, (short)(array + 1));
        if (index == 0) return;
        IL.Emit(OpCodes.Ldc_I8, (long)index * sizeof(double));
        IL.Emit(OpCodes.Conv_I);
        IL.Emit(OpCodes.Add);
    }

    /// <summary>Pushes array[index].</summary>
    public void LoadElement(int array, int index)
    {
        LoadAddress(array, index);
        IL.Emit(OpCodes.Ldind_R8);
    }

    /// <summary>array[index] = local.</summary>
    public void StoreElement(int array, int index, LocalBuilder local)
    {
        LoadAddress(array, index);
        IL.Emit(OpCodes.Ldloc, local);
        IL.Emit(OpCodes.Stind_R8);
    }

    /// <summary>array[index] = value.</summary>
    public void StoreElement(int array, int index, double value)
    {
        LoadAddress(array, index);
        IL.Emit(OpCodes.Ldc_R8, value);
        IL.Emit(OpCodes.Stind_R8);
    }

    /// <summary>array[index] += local.</summary>
    public void AddToElement(int array, int index, LocalBuilder local)
    {
        LoadAddress(array, index);
        IL.Emit(OpCodes.Dup);
        IL.Emit(OpCodes.Ldind_R8);
        IL.Emit(OpCodes.Ldloc, local);
        IL.Emit(OpCodes.Add);
        IL.Emit(OpCodes.Stind_R8);
    }

    /// <summary>target += local.</summary>
    public void AddToLocal(LocalBuilder target, LocalBuilder local)
    {
        IL.Emit(OpCodes.Ldloc, target);
        IL.Emit(OpCodes.Ldloc, local);
        IL.Emit(OpCodes.Add);
        IL.Emit(OpCodes.Stloc, target);
    }

    /// <summary>Pushes <paramref name="instance"/>, held in a local loaded by the prologue.</summary>
    public void LoadObject(object instance)
    {
        if (!targetLocals.TryGetValue(instance, out var local))
        {
            var type = instance.GetType();
            local = Local(type);
            var index = targets.Count;
            targets.Add(instance);
            targetLocals[instance] = local;
            prologueSteps.Add(() =>
            {
                IL.Emit(OpCodes.Ldarg_0);
                IL.Emit(OpCodes.Ldc_I4, index);
                IL.Emit(OpCodes.Ldelem_Ref);
                IL.Emit(OpCodes.Castclass, type);
                IL.Emit(OpCodes.Stloc, local);
            });
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
            foreach (var argument in arguments) argument.Push(IL);
            IL.Emit(OpCodes.Callvirt, rule.GetType().GetMethod(nameof(Action.Invoke))!);
            return;
        }
        if (!method.IsStatic) LoadObject(rule.Target!);
        foreach (var argument in arguments) argument.Push(IL);
        IL.Emit(OpCodes.Call, method);
    }

    /// <summary>Pushes the result of the instance method <paramref name="name"/> of <paramref name="instance"/>.</summary>
    public void CallMethod(object instance, string name, params Operand[] arguments)
    {
        LoadObject(instance);
        foreach (var argument in arguments) argument.Push(IL);
        IL.Emit(OpCodes.Callvirt, instance.GetType().GetMethod(name, BindingFlags.Public | BindingFlags.Instance)!);
    }

    /// <summary>
    /// Pops a partial and stores partial × <paramref name="direction"/> into <paramref name="result"/> with the
    /// strong zero of <see cref="Rules.Times"/>, emitted as a conditional.
    /// </summary>
    public void StoreTimes(Operand direction, LocalBuilder result)
    {
        scratch ??= Local();
        Label zero = IL.DefineLabel(), done = IL.DefineLabel();
        IL.Emit(OpCodes.Stloc, scratch);
        IL.Emit(OpCodes.Ldloc, scratch);
        IL.Emit(OpCodes.Ldc_R8, 0.0);
        IL.Emit(OpCodes.Beq, zero);
        direction.Push(IL);
        IL.Emit(OpCodes.Ldc_R8, 0.0);
        IL.Emit(OpCodes.Beq, zero);
        IL.Emit(OpCodes.Ldloc, scratch);
        direction.Push(IL);
        IL.Emit(OpCodes.Mul);
        IL.Emit(OpCodes.Stloc, result);
        IL.Emit(OpCodes.Br, done);
        IL.MarkLabel(zero);
        IL.Emit(OpCodes.Ldc_R8, 0.0);
        IL.Emit(OpCodes.Stloc, result);
        IL.MarkLabel(done);
    }

    /// <summary>Ends the body, appends the prologue, and makes the delegate.</summary>
    public Chunk Finish()
    {
        IL.Emit(OpCodes.Ret);
        IL.MarkLabel(prologue);
        foreach (var step in prologueSteps) step();
        IL.Emit(OpCodes.Br, body);
        return method.CreateDelegate<Chunk>(targets.ToArray());
    }
}
