import { PipeTransform } from '@nestjs/common';
import { invalid } from '../common/problem';
import { CANDIDATE_KEY } from './candidate-key';

/** A candidate key in the path: 32 lowercase hex digits, else 422 naming the parameter before any query runs. */
export class ParseCandidateKey implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CANDIDATE_KEY.test(value)) throw invalid('key', 'must be 32 lowercase hexadecimal digits');
    return value;
  }
}
