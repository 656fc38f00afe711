import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsText } from '../../common/validators';

export class ListCandidatesQuery {
  @ApiPropertyOptional({
    enum: ['dismissed'],
    description: 'Show dismissed candidates too, marked `dismissed`',
  })
  @IsOptional()
  @IsIn(['dismissed'])
  include?: 'dismissed';
}

export class DismissCandidateDto {
  @ApiPropertyOptional({ example: 'A restatement of the pledge above', maxLength: 1000 })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}

/** `limit` counts sources (each with its text and all its decisions), in the order of their ids. */
export class CandidateDecisionsQuery extends PageQuery {
  @ApiProperty({ enum: ['gold'], description: 'gold: the labels of test/fixtures/extraction (LABELING.md)' })
  @IsIn(['gold'])
  format: 'gold';
}
