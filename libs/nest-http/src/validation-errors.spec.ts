import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, ValidateNested, validate } from 'class-validator';
import { validationProblem } from './validation-errors.js';

class Line {
  @Matches(/^-?\d+\.\d{2}$/, { message: 'amount must be a decimal string' })
  amount!: string;
}

class Statement {
  @IsString()
  @IsNotEmpty()
  user_id!: string;

  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

async function problemFor(body: unknown) {
  const errors = await validate(plainToInstance(Statement, body) as object);
  return validationProblem(errors).problem as { status: number; errors: Array<{ field: string; messages: string[] }> };
}

describe(validationProblem.name, () => {
  it('names every invalid field, with array items as clients write them', async () => {
    const problem = await problemFor({ user_id: '', lines: [{ amount: '1.00' }, { amount: '1.5' }, { amount: 'x' }] });
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.field)).toEqual(['user_id', 'lines[1].amount', 'lines[2].amount']);
    expect(problem.errors[1]!.messages).toEqual(['amount must be a decimal string']);
  });
});
