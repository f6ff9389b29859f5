-- Demo content for the dev stack (./dev.sh run, ./dev.sh test): the
-- relationship stages, activities and blog posts the Android app lists,
-- so that it has something to show.  Each row is inserted once: running
-- it again changes nothing.

INSERT INTO categories (title, color, image, about, goal, is_hidden, ordinal, created_at)
SELECT 'Getting to know each other', '#2b7ab5', NULL,
    'The first calls: who your mentee is, what they enjoy, what worries them.',
    'Your mentee trusts you enough to tell you what matters to them.',
    0, 1, UTC_TIMESTAMP(6) FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM categories WHERE title = 'Getting to know each other');

INSERT INTO categories (title, color, image, about, goal, is_hidden, ordinal, created_at)
SELECT 'Dreams and goals', '#e3a72f', NULL,
    'Talk about what your mentee would like to become and do.',
    'Your mentee names one goal and a first step towards it.',
    0, 2, UTC_TIMESTAMP(6) FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM categories WHERE title = 'Dreams and goals');

INSERT INTO categories (title, color, image, about, goal, is_hidden, ordinal, created_at)
SELECT 'Looking back', '', NULL,
    'Near the end of the programme: what changed, what comes next.',
    'You both know what your mentee will carry on with.',
    0, 3, UTC_TIMESTAMP(6) FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM categories WHERE title = 'Looking back');

INSERT INTO activities (title, description, created_at, category_id, icon, poster,
    objective, lesson_rationale, instructions, prompts, reflection_points,
    skills_developed, is_hidden, ordinal)
SELECT v.title, '', UTC_TIMESTAMP(6), c.id, NULL, NULL, v.objective, v.rationale,
    v.instructions, v.prompts, v.reflection, v.skills, 0, v.ordinal
FROM (
    SELECT 'Getting to know each other' AS category, 'Three things about me' AS title, 1 AS ordinal,
        'Share three things about yourselves that the other would not guess.' AS objective,
        'Small surprises make a first call easier.' AS rationale,
        'Each of you tells three things; the other asks one question about each.' AS instructions,
        'What do you do on a Saturday? What food could you eat every day?' AS prompts,
        'What surprised you? What did you have in common?' AS reflection,
        'Listening, asking questions' AS skills
    UNION ALL SELECT 'Getting to know each other', 'My week', 2,
        'Hear how your mentee spends a week.',
        'Routines show what a young person cares about and struggles with.',
        'Ask your mentee to walk you through last week, day by day.',
        'What was the best moment? The hardest?',
        'What would your mentee like to change in their week?',
        'Reflecting, describing'
    UNION ALL SELECT 'Dreams and goals', 'If I could be anything', 1,
        'Your mentee describes a job or life they dream of.',
        'Naming a dream is the first step to planning for it.',
        'Ask what your mentee would do if nothing stood in the way, then why.',
        'Who do you admire? What would a perfect day look like in ten years?',
        'Which parts of the dream could start now?',
        'Imagining, planning'
    UNION ALL SELECT 'Dreams and goals', 'One small step', 2,
        'Agree on one step towards the goal before your next call.',
        'Goals become real through small steps that can be checked.',
        'Pick the goal from the last activity and break it into steps; choose one.',
        'What could you do this week? What might stop you?',
        'Did the step feel possible? What help is needed?',
        'Planning, commitment'
    UNION ALL SELECT 'Looking back', 'What I have learnt', 1,
        'Look back together at what changed since your first call.',
        'Recognising growth builds confidence for what comes next.',
        'Each of you names one thing you learnt from the other.',
        'What was our best call? What will you keep doing?',
        'What would your mentee tell a new mentee?',
        'Reflecting, gratitude'
) v JOIN categories c ON c.title = v.category
WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.title = v.title AND a.category_id = c.id);

INSERT INTO blog_posts (title, created_at, thumbnail, image, body_content, is_hidden)
SELECT 'Five ways to listen better', UTC_TIMESTAMP(6) - INTERVAL 3 DAY, NULL, NULL,
    '[{"type": "heading", "value": "Listening is a skill"}, "Most of a good call is listening. Here are five habits that help.", {"type": "numbered_list", "value": ["Ask open questions.", "Wait before you answer.", "Repeat what you heard.", "Notice feelings, not only facts.", "Say what you will remember."]}, {"type": "paragraph", "value": "Try one of them on your next call."}]',
    0 FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM blog_posts WHERE title = 'Five ways to listen better');

INSERT INTO blog_posts (title, created_at, thumbnail, image, body_content, is_hidden)
SELECT 'When a call does not connect', UTC_TIMESTAMP(6) - INTERVAL 1 DAY, NULL, NULL,
    '"Phones are off, batteries run flat, plans change. If your mentee does not answer, **send a short message** and suggest another time. It is never a sign that they do not care."',
    0 FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM blog_posts WHERE title = 'When a call does not connect');
