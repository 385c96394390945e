package dev.s3batch.api.service;

import java.util.List;

/** One page of ListJobs; {@code nextToken} is null on the last page. */
public record JobPage(List<JobView> jobs, String nextToken) {
}
