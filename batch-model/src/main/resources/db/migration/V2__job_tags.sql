-- Job tags (AWS PutJobTagging): labels on the job itself, not on objects.
ALTER TABLE batch_job ADD COLUMN tags text NOT NULL DEFAULT '[]';
