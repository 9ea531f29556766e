import { Query } from '@nestjs/cqrs';
import type { AssessmentFilter, AssessmentItem, Page } from '@apo/read-queries';

export class ListAssessmentsQuery extends Query<Page<AssessmentItem>> {
  constructor(readonly filter: AssessmentFilter) {
    super();
  }
}
