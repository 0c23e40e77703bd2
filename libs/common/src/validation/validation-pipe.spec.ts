import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-pipe';

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
