import { Query } from '@nestjs/cqrs';
import type { AssessmentFilter, AssessmentItem, Page } from '@apo/projections';

export class ListAssessmentsQuery extends Query<Page<AssessmentItem>> {
  constructor(readonly filter: AssessmentFilter) {
    super();
  }
}
