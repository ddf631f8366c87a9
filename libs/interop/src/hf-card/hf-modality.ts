/**
 * `pipeline_tag` is the task the Hub widget runs, not the model's modality, but for most tasks the
 * two coincide. Tasks with no single modality (feature extraction, reinforcement learning) map
 * to null rather than to a guess.
 */
const MODALITY_OF_TASK: Readonly<Record<string, string>> = {
  'text-generation': 'text',
  'text2text-generation': 'text',
  'text-classification': 'text',
  'token-classification': 'text',
  'fill-mask': 'text',
  'question-answering': 'text',
  'table-question-answering': 'text',
  'zero-shot-classification': 'text',
  'sentence-similarity': 'text',
  'text-ranking': 'text',
  summarization: 'text',
  translation: 'text',
  'image-text-to-text': 'multimodal',
  'visual-question-answering': 'multimodal',
  'document-question-answering': 'multimodal',
  'image-to-text': 'multimodal',
  'text-to-image': 'multimodal',
  'video-text-to-text': 'multimodal',
  'audio-text-to-text': 'multimodal',
  'text-to-video': 'multimodal',
  'any-to-any': 'multimodal',
  'zero-shot-image-classification': 'multimodal',
  'image-classification': 'image',
  'image-segmentation': 'image',
  'object-detection': 'image',
  'depth-estimation': 'image',
  'image-to-image': 'image',
  'image-feature-extraction': 'image',
  'unconditional-image-generation': 'image',
  'mask-generation': 'image',
  'automatic-speech-recognition': 'audio',
  'text-to-speech': 'audio',
  'text-to-audio': 'audio',
  'audio-classification': 'audio',
  'audio-to-audio': 'audio',
  'voice-activity-detection': 'audio',
  'video-classification': 'video',
  'tabular-classification': 'tabular',
  'tabular-regression': 'tabular',
  'time-series-forecasting': 'time-series',
};

export function modalityOf(pipelineTag: string | null): string | null {
  return pipelineTag ? (MODALITY_OF_TASK[pipelineTag.toLowerCase()] ?? null) : null;
}
