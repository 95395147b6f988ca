/** A query field of any indicator: text, trimmed, with balanced parentheses (a typo PromQL would refuse later). */
import { z } from 'zod';
import { parenthesesProblem } from './parentheses';

export const queryField = z
  .string()
  .trim()
  .min(1, 'query must not be empty')
  .superRefine((value, context) => {
    const problem = parenthesesProblem(value);
    if (problem !== undefined) {
      context.addIssue({ code: 'custom', message: problem });
    }
  });
