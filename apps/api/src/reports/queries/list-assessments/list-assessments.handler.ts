import { QueryHandler } from '@nestjs/cqrs';
import { listAssessments, type AssessmentItem, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListAssessmentsQuery } from './list-assessments.query';

@QueryHandler(ListAssessmentsQuery)
export class ListAssessmentsHandler extends ReadStoreHandler<ListAssessmentsQuery> {
  execute({ filter }: ListAssessmentsQuery): Promise<Page<AssessmentItem>> {
    return listAssessments(this.readStore, filter);
  }
}
