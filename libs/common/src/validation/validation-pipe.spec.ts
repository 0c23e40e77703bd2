import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min, ValidationError } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { createValidationPipe, flattenValidationErrors } from './validation-pipe';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe(flattenValidationErrors.name, () => {
  it('should give one entry per failed constraint with nested paths', () => {
    const errors = [
      error('likelihood', {
        max: 'likelihood must not be greater than 5',
        isInt: 'likelihood must be an integer',
      }),
      error('owner', undefined, [error('email', { isEmail: 'email must be an email' })]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'likelihood', message: 'likelihood must not be greater than 5' },
      { field: 'likelihood', message: 'likelihood must be an integer' },
      { field: 'owner.email', message: 'email must be an email' },
    ]);
  });
});

class ProbeQueryDto {
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit = 20;
}

describe(createValidationPipe.name, () => {
  const asQuery: ArgumentMetadata = { type: 'query', metatype: ProbeQueryDto };

  it('should answer a repeated query with the same frozen DTO', async () => {
    const pipe = createValidationPipe();

    const first = await pipe.transform({ status: 'open', limit: '5' }, asQuery);
    const again = await pipe.transform({ status: 'open', limit: '5' }, asQuery);

    expect(first).toBeInstanceOf(ProbeQueryDto);
    expect(first).toEqual({ status: 'open', limit: 5 });
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('should build a new DTO for other parameters', async () => {
    const pipe = createValidationPipe();

    const open = await pipe.transform({ status: 'open' }, asQuery);
    const closed = await pipe.transform({ status: 'closed' }, asQuery);

    expect(open).toEqual({ status: 'open', limit: 20 });
    expect(closed).toEqual({ status: 'closed', limit: 20 });
  });

  it('should reject a bad query every time it is sent', async () => {
    const pipe = createValidationPipe();
    const bad = { status: 'lost', limit: '0' };

    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await pipe.transform(bad, asQuery).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationFailedError);
      const fields = (error as ValidationFailedError).errors?.map((e) => e.field);
      expect(fields?.sort()).toEqual(['limit', 'status']);
    }
  });

  it('should build each body afresh, never shared between requests', async () => {
    const pipe = createValidationPipe();
    const asBody: ArgumentMetadata = { type: 'body', metatype: ProbeQueryDto };

    const first = await pipe.transform({ status: 'open' }, asBody);
    const again = await pipe.transform({ status: 'open' }, asBody);

    expect(again).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(false);
  });
});
