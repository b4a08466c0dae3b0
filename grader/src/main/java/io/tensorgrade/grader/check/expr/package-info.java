/**
 * Expression answers: formulas typed by students (an output-size rule, a gradient), parsed without any
 * third-party evaluator so that every error can point at the offending character, and graded by
 * evaluating student and reference at the same random points.
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>Numbers {@code 3}, {@code 0.5}, {@code .5}, {@code 1e-3}. An exponent needs digits after the
 *       {@code e}: {@code 2e-3} is 0.002 even when {@code e} is a variable, {@code 2e} is 2 times e.</li>
 *   <li>Operators, loosest first: {@code + -}; {@code * / // %} and implicit products (same level, left to
 *       right); unary {@code - +}; {@code ^} or {@code **} (right-associative, so {@code 2^3^2 = 512} and
 *       {@code -2^2 = -4}, as in Python). {@code //} is floor division and {@code %} has Python's sign
 *       (that of the divisor). Postfix {@code ²} and {@code ³} are powers.</li>
 *   <li>Groups: {@code ( )} and {@code [ ]}; {@code ⌊x⌋} is floor, {@code ⌈x⌉} is ceil.</li>
 *   <li>Functions: floor, ceil, round (half to even, as in Python), trunc/int (toward zero, as Python's
 *       {@code int}), abs, sqrt, exp, log/ln (natural;
 *       {@code log(x, b)} in base b), log2, log10, sin, cos, tan, tanh, min and max (one or more
 *       arguments), sigma/sigmoid/{@code σ}, relu; {@code floor[x]} is {@code floor(x)}. floor, ceil, round,
 *       trunc, {@code //} and {@code %} first snap
 *       values within 1e-9 (relative) of an integer to it, so floating-point noise cannot flip them.
 *       A domain (or {@link io.tensorgrade.grader.check.expr.Expression#parse(String, java.util.Collection,
 *       java.util.Map)}) may add other names for these, e.g. {@code h} for sigma.</li>
 *   <li>Constants {@code pi} ({@code π}) and {@code e}, unless declared as variables.</li>
 *   <li>Unicode: {@code · ⋅ × ∗} multiply, {@code − –} subtract, {@code ÷} divide, {@code ≤ ≥ ≠} compare,
 *       subscript digits ({@code z₂} is {@code z2}).</li>
 *   <li>Constraints ({@link io.tensorgrade.grader.check.expr.Expression#parseCondition}) also take
 *       {@code < <= > >= == !=}, chained as in Python ({@code 0 < S <= K}), and {@code && and || or}.
 *       Comparisons are exact; NaN never satisfies one.</li>
 * </ul>
 *
 * <h2>Names and implicit products</h2>
 * Identifiers are letters, digits and {@code _}; they are resolved against the declared variables:
 * <ol>
 *   <li>a declared name is that variable, even before a parenthesis: with S declared, {@code S(K-1)} is
 *       {@code S*(K-1)};</li>
 *   <li>otherwise a function name followed by {@code (} is a call;</li>
 *   <li>otherwise {@code pi} or {@code e} is the constant;</li>
 *   <li>otherwise a name that splits in exactly one way into declared names is their product ({@code KS} is
 *       {@code K*S}, {@code z2z1} is {@code z2*z1}), reported in {@link
 *       io.tensorgrade.grader.check.expr.Expression#notes()}; digits are never split off, so {@code w12} is
 *       not {@code w*12}. Several readings are an error that lists them.</li>
 * </ol>
 * An operand directly followed by a name, a parenthesis or a bracket is multiplied by it, with or without a
 * space: {@code 2P}, {@code 2(x+1)}, {@code (a)(b)}, {@code z2 z1}. A number after an operand
 * ({@code x 2}, {@code (a+b)2}) is refused as a missing operator, because it is more often a typo than a
 * product. Implicit products bind like {@code *}: {@code 1/2S} is {@code (1/2)*S} (as in Python and
 * Wolfram); a note tells the student so.
 *
 * <h2>Answers as students write them</h2>
 * {@code AnswerReader} reads an answer before it is parsed: derivatives left in a
 * gradient ({@code Derivatives}), LaTeX and a left-hand side ({@code AnswerNormaliser}), the leading sum over the
 * data of a per-point answer ({@code DataSum}), index notations such as {@code w(1,2)} for a declared
 * {@code w12} ({@code IndexedNames}) and Python's {@code math.floor}. docs/rubric-format.md has the table.
 *
 * <h2>Grading</h2>
 * A {@link io.tensorgrade.grader.check.expr.Domain} gives each free variable a range, derived variables
 * (e.g. {@code z1 = sigma(x*w1)}) and constraints. {@link io.tensorgrade.grader.check.expr.EquivalenceTester}
 * draws points by rejection sampling from a seeded {@link java.util.Random}, skips points where the reference
 * is not finite, and compares under {@link io.tensorgrade.grader.check.Tolerance}.
 * {@link io.tensorgrade.grader.check.expr.MistakeMatcher} names the catalogued mistake an answer equals.
 * To check an answer against fixed numbers (e.g. "consistent with part (a)"), use
 * {@link io.tensorgrade.grader.check.expr.Domain#valueAt} and
 * {@link io.tensorgrade.grader.check.Tolerance#accepts}.
 */
package io.tensorgrade.grader.check.expr;
